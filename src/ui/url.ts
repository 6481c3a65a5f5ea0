/**
 * The app's address: what a URL opens, and the URL that shares what is on screen.
 *
 *   /#v=1&z=…            a share link (src/share/link.ts): scenario, actions, step, view settings
 *   /?s=v=1&z=…          the same in the query (also URL-encoded: ?s=v%3D1%26z%3D…)
 *   /?lecture=1          lecture mode (with or without a link)
 *   /?embed=v=1&z=…      embed mode: only the stage and the playback controls
 *
 * A link is checked by decodeLink before anything of it is used; a bad one leaves the default run
 * in place and puts the reason in the session (the app shows it with a "start fresh" button).
 */
import { lessonById } from '../lessons';
import { presetById } from '../presets';
import { decodeLink, shareLink, type LinkState, type LinkView } from '../share/link';
import { currentLang, LANGS, useLangStore } from './i18n';
import { closePreset, openLessonById, openPreset, useSession } from './session';
import { defaultScenario, SLICED_REPLAY_STEPS, useSim } from './store';

/** The link text in an address, if there is one: the hash, else `s=` / `embed=` / `v=` in the query. */
export function linkTextOf(search: string, hash: string): string | null {
  const h = hash.replace(/^#/, '');
  if (h.trim() !== '') return h;
  const params = new URLSearchParams(search);
  for (const key of ['embed', 's']) {
    const v = params.get(key);
    // URL-encoded (`s=v%3D1%26z%3D…`): the whole link is this one parameter
    if (v && v.includes('z=')) return v;
  }
  // written raw (`?s=v=1&z=…`): the parameters split it; decodeLink reads the pieces back
  if (params.has('v') || params.has('z') || /[?&](s|embed)=v=/.test(search)) return search;
  return null;
}

function flag(params: URLSearchParams, key: string): boolean {
  const v = params.get(key);
  return v !== null && v !== '0' && v !== 'false';
}

/** Applies a decoded link: the run at its step, then the view settings it carries. */
export function applyLink(state: LinkState): void {
  const view: LinkView = state.view ?? {};
  if (view.lang && LANGS.includes(view.lang)) useLangStore.getState().setLang(view.lang);
  // a run deep in its steps opens at step 0 and is replayed in slices, with a progress bar, once
  // the runtime is up (store.replayTo)
  const deep = state.step > SLICED_REPLAY_STEPS;
  const at = { scenario: state.scenario, recorded: state.recorded, step: deep ? 0 : state.step };
  const lesson = view.lesson ? lessonById(view.lesson) : undefined;
  const preset = view.preset ? presetById(view.preset) : undefined;
  if (lesson && preset && lesson.presetId === preset.id) openLessonById(lesson.id, at);
  else if (preset) openPreset(preset.id, at);
  else useSim.getState().load(state.scenario, state.recorded, at.step);
  if (deep) void useSim.getState().replayTo(state.step);
  if (view.selectedSid !== undefined) useSim.getState().select(view.selectedSid);
  if (view.embed) useSession.setState({ embed: true, lecture: false });
  else if (view.lecture) useSession.setState({ lecture: true });
}

/** Reads the address the page was opened with (once, before the first render). */
export function bootFromUrl(loc: { search: string; hash: string } = window.location): void {
  const params = new URLSearchParams(loc.search);
  const embed = params.has('embed');
  const lecture = flag(params, 'lecture');
  useSession.setState({ embed, lecture });
  const text = linkTextOf(loc.search, loc.hash);
  if (text === null) return;
  const r = decodeLink(text);
  if (!r.ok) {
    useSession.setState({
      linkError: {
        messageKey: r.error.messageKey,
        params: r.error.params,
        detail: r.error.message,
      },
    });
    return;
  }
  applyLink(r.state);
  if (lecture) useSession.setState({ lecture: true });
  if (embed) useSession.setState({ embed: true, lecture: false });
}

/**
 * A link pasted into the address bar of the open app changes only the hash (no reload): open it
 * the same way as at start-up. Returns the unsubscribe function.
 */
export function followHash(): () => void {
  const onHash = () => {
    if (window.location.hash.replace(/^#/, '').trim() === '') return;
    useSession.setState({ linkError: null });
    bootFromUrl(window.location);
  };
  window.addEventListener('hashchange', onHash);
  return () => window.removeEventListener('hashchange', onHash);
}

/** The share-link state of what is on screen now. */
export function currentLinkState(): Parameters<typeof shareLink>[0] {
  const s = useSim.getState();
  const session = useSession.getState();
  const view: LinkView = { lang: currentLang() };
  if (s.selectedSid !== null) view.selectedSid = s.selectedSid;
  if (session.lecture) view.lecture = true;
  if (session.presetId) view.preset = session.presetId;
  if (session.lessonId) view.lesson = session.lessonId;
  return { scenario: s.scenario, recorded: s.recorded, step: s.view.step, view };
}

function base(): string {
  return `${window.location.origin}${window.location.pathname}`;
}

export type ShareUrl =
  { ok: true; url: string } | { ok: false; messageKey: string; params?: Record<string, string | number> };

/** The URL that opens exactly this screen (run, step, language, selection, lecture, preset/lesson). */
export function shareUrl(): ShareUrl {
  const r = shareLink(currentLinkState());
  if (!r.ok) return { ok: false, messageKey: r.error.messageKey, params: r.error.params };
  return { ok: true, url: `${base()}#${r.link}` };
}

/** The URL of an embeddable frame showing this run at this step (stage and playback only). */
export function embedUrl(): ShareUrl {
  const state = currentLinkState();
  const r = shareLink({ ...state, view: { ...state.view, lecture: undefined, embed: true } });
  if (!r.ok) return { ok: false, messageKey: r.error.messageKey, params: r.error.params };
  return { ok: true, url: `${base()}?embed=${encodeURIComponent(r.link)}` };
}

/** The size the embed code gives its frame: 16:9, the stage with room for five full cards. */
export const EMBED_SIZE = { width: 800, height: 450 } as const;

function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/**
 * The HTML a course page pastes: an iframe of this run at this step (the frame scales the stage
 * down to 320×240; `max-width: 100%` lets a narrow page shrink it).
 */
export function embedCode(title: string): ShareUrl {
  const r = embedUrl();
  if (!r.ok) return r;
  const { width, height } = EMBED_SIZE;
  return {
    ok: true,
    url:
      `<iframe src="${escapeAttr(r.url)}" width="${width}" height="${height}" ` +
      `style="border:1px solid #d9dde3;max-width:100%" title="${escapeAttr(title)}" ` +
      `loading="lazy" allowfullscreen></iframe>`,
  };
}

/** Keeps `?lecture=1` in the address in step with lecture mode (so a reload stays in it). */
export function syncLectureParam(on: boolean): void {
  const url = new URL(window.location.href);
  if (on) url.searchParams.set('lecture', '1');
  else url.searchParams.delete('lecture');
  window.history.replaceState(window.history.state, '', url.toString());
}

/** Forgets the link in the address and everything it opened: the default ensemble, ready to boot. */
export function startFresh(): void {
  const url = new URL(window.location.href);
  url.hash = '';
  for (const k of ['s', 'v', 'z', 'embed']) url.searchParams.delete(k);
  window.history.replaceState(null, '', url.toString());
  closePreset();
  useSession.setState({ linkError: null, embed: false });
  useSim.getState().load(defaultScenario());
}
