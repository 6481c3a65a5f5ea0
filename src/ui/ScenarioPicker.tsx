/**
 * The scenario presets menu: a list of titles by topic on the left, the chosen one's card on the
 * right (title, "what to watch for", chapters), and a button that loads it. The first entry is the
 * app's default: five servers, not started.
 */
import { useState } from 'react';
import { presetById, presets, PRESET_TOPICS, topicKey } from '../presets';
import { Dialog } from './Dialog';
import { useT } from './i18n';
import { closePreset, openPreset, useSession } from './session';
import { defaultScenario, useSim } from './store';

const DEFAULT_ID = '';

export function ScenarioPicker({ onClose }: { onClose: () => void }) {
  const t = useT();
  const openId = useSession((s) => s.presetId);
  const [chosen, setChosen] = useState<string>(openId ?? presets[0]?.id ?? DEFAULT_ID);
  const preset = chosen === DEFAULT_ID ? undefined : presetById(chosen);
  const compare = preset?.compareWith ? presetById(preset.compareWith) : undefined;

  const open = () => {
    if (preset) openPreset(preset.id);
    else {
      closePreset();
      useSim.getState().load(defaultScenario());
    }
    onClose();
  };

  return (
    <Dialog id="scenarios" title={t('scn.picker.title')} onClose={onClose} wide>
      <div className="picker">
        <nav className="picker-list" aria-label={t('scn.picker.list')}>
          <ul>
            <li>
              <button
                type="button"
                className={chosen === DEFAULT_ID ? 'picker-item active' : 'picker-item'}
                aria-current={chosen === DEFAULT_ID}
                onClick={() => setChosen(DEFAULT_ID)}
              >
                {t('scn.default.title')}
              </button>
            </li>
          </ul>
          {PRESET_TOPICS.map((topic) => {
            const list = presets.filter((p) => p.topic === topic);
            if (list.length === 0) return null;
            return (
              <div key={topic} className="picker-group">
                <h3>{t(topicKey(topic))}</h3>
                <ul>
                  {list.map((p) => (
                    <li key={p.id}>
                      <button
                        type="button"
                        className={chosen === p.id ? 'picker-item active' : 'picker-item'}
                        aria-current={chosen === p.id}
                        data-preset={p.id}
                        onClick={() => setChosen(p.id)}
                        onDoubleClick={() => {
                          setChosen(p.id);
                          openPreset(p.id);
                          onClose();
                        }}
                      >
                        {t(p.titleKey)}
                      </button>
                    </li>
                  ))}
                </ul>
              </div>
            );
          })}
        </nav>
        <article className="picker-card" aria-live="polite">
          <h3>{preset ? t(preset.titleKey) : t('scn.default.title')}</h3>
          <p className="picker-meta">
            {preset
              ? t('scn.picker.meta', {
                  voters: preset.file.ensemble.voters,
                  observers: preset.file.ensemble.observers,
                  seconds: Math.round(preset.file.until / 100) / 10,
                })
              : t('scn.default.meta')}
          </p>
          <h4>{t('scn.watch')}</h4>
          <p className="watch-text">{preset ? t(preset.watchKey) : t('scn.default.watch')}</p>
          {preset?.chapters && preset.chapters.length > 0 ? (
            <>
              <h4>{t('scn.chapters')}</h4>
              <ol className="picker-chapters">
                {preset.chapters.map((c) => (
                  <li key={c.id}>{t(c.titleKey)}</li>
                ))}
              </ol>
            </>
          ) : null}
          {compare ? (
            <p className="picker-compare">
              {t('scn.picker.compare')}{' '}
              <button type="button" className="link-button" onClick={() => setChosen(compare.id)}>
                {t(compare.titleKey)}
              </button>
            </p>
          ) : null}
          <div className="picker-actions">
            <button type="button" className="btn primary big" onClick={open} data-testid="open-preset">
              {t('scn.picker.open')}
            </button>
          </div>
        </article>
      </div>
    </Dialog>
  );
}
