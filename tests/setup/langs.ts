/**
 * The app loads a language's texts on demand (i18n.loadLang); the unit tests read every language's
 * dictionary directly, so each is loaded before any test runs.
 */
import { LANGS, loadLang } from '../../src/ui/i18n';

await Promise.all(LANGS.map((l) => loadLang(l)));
