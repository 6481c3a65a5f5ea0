/**
 * Embed mode (`?embed=`): what a course page shows in an iframe — the scenario's title, the
 * playback controls on one row, and the stage, all inside the frame from 320×240 upward.
 */
import { useMemo } from 'react';
import { presetById } from '../presets';
import { Controls } from './Controls';
import { visible } from '../share/visible';
import { useT } from './i18n';
import { RuntimeBanners } from './RuntimeBanner';
import { useSession } from './session';
import { Stage } from './stage/Stage';
import { isDefaultScenario, useSim } from './store';

/** The title of what is on the stage: the lesson's, the preset's, the file's, or the default run's. */
export function useScenarioTitle(): string {
  const t = useT();
  const presetId = useSession((s) => s.presetId);
  const lesson = useSession((s) => s.lesson);
  const scenario = useSim((s) => s.scenario);
  const isDefault = useMemo(() => isDefaultScenario(scenario), [scenario]);
  const preset = presetId ? presetById(presetId) : undefined;
  if (lesson) return t(lesson.titleKey);
  if (preset) return t(preset.titleKey);
  return isDefault || !scenario.title ? t('scn.default.title') : visible(scenario.title);
}

export function EmbedApp() {
  const t = useT();
  const title = useScenarioTitle();
  // the whole app, in a tab of its own, at the same run and step as this frame
  const full = typeof window === 'undefined' ? '' : fullAppUrl(window.location);
  return (
    <div className="app embed" data-testid="embed">
      <header className="embed-bar">
        <div className="embed-head">
          <h1 className="embed-title" title={title}>
            {title}
          </h1>
          <a
            className="embed-open"
            href={full}
            target="_blank"
            rel="noopener"
            title={t('present.embed.openHint')}
          >
            {t('app.title')} ↗
          </a>
        </div>
        <Controls fork={false} />
      </header>
      <RuntimeBanners />
      <main className="embed-main">
        <Stage />
      </main>
    </div>
  );
}

/** This frame's address without `embed`: the same link, opened as the whole app. */
export function fullAppUrl(loc: { origin: string; pathname: string; search: string; hash: string }): string {
  const params = new URLSearchParams(loc.search);
  const link = params.get('embed');
  params.delete('embed');
  const rest = params.toString();
  const hash = link && link.includes('z=') ? `#${link}` : loc.hash;
  return `${loc.origin}${loc.pathname}${rest ? `?${rest}` : ''}${hash}`;
}
