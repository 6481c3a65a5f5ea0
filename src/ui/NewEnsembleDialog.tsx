/**
 * "New ensemble": the size (3–9 voters, 0–3 observers), the seed, the ZooKeeper version and the main
 * zoo.cfg values (tickTime, initLimit, syncLimit, snapCount) plus the network latency. It makes a
 * scenario (checked by the same parser as a file), loads it as the run on screen, and gives its
 * share link. Models nothing itself: the values are QuorumPeerConfig's, passed to the core.
 */
import { useId, useState, type ReactNode } from 'react';
import type { Scenario, ZkVersion } from '../sim/Scenario';
import { DEFAULT_CONFIG, validateScenario } from '../sim/viewApi';
import { DEFAULT_PURGE_INTERVAL, DEFAULT_SNAP_RETAIN_COUNT } from '../zk/viewApi';
import { Dialog } from './Dialog';
import { useScenarioTitle } from './Embed';
import { useT } from './i18n';
import { closePreset } from './session';
import { useSim } from './store';
import { shareUrl } from './url';

/** Every version the model offers (a new ZkVersion fails to compile here until it is listed). */
const VERSION_NOTES = {
  '3.9.5': 'present.new.v395',
  '3.9.1': 'present.new.v391',
} as const satisfies Record<ZkVersion, string>;
const VERSIONS = Object.keys(VERSION_NOTES) as ZkVersion[];

export interface EnsembleForm {
  voters: string;
  observers: string;
  seed: string;
  zkVersion: ZkVersion;
  tickTime: string;
  initLimit: string;
  syncLimit: string;
  snapCount: string;
  /** zoo.cfg's snapshotSizeFactor: a fraction, or negative to never sync from the txn log */
  snapshotSizeFactor: string;
  /** zoo.cfg autopurge.snapRetainCount (below 3 ZooKeeper uses 3) */
  snapRetainCount: string;
  /** zoo.cfg autopurge.purgeInterval in hours (0: no purge task) */
  purgeInterval: string;
  latencyLo: string;
  latencyHi: string;
  startAll: boolean;
  /** keep the current scenario's actions (its script) and its other config: e.g. a preset with another seed */
  keepScript: boolean;
}

type Field = Exclude<keyof EnsembleForm, 'zkVersion' | 'startAll' | 'keepScript'>;

/** Each number field's range and what the error says about it. */
const LIMITS: Record<Field, { min: number; max: number }> = {
  voters: { min: 3, max: 9 },
  observers: { min: 0, max: 3 },
  seed: { min: 0, max: 0xffff_ffff },
  tickTime: { min: 1, max: 60_000 },
  initLimit: { min: 1, max: 1000 },
  syncLimit: { min: 1, max: 1000 },
  snapCount: { min: 2, max: 10_000_000 },
  snapshotSizeFactor: { min: -1, max: 1 },
  snapRetainCount: { min: 0, max: 1000 },
  purgeInterval: { min: 0, max: 1000 },
  latencyLo: { min: 0, max: 60_000 },
  latencyHi: { min: 0, max: 60_000 },
};

/** zoo.cfg's values and the latency, in the order the dialog lists them (labels: present.new.<field>) */
const CONFIG_FIELDS: readonly Field[] = [
  'tickTime',
  'initLimit',
  'syncLimit',
  'snapCount',
  'snapshotSizeFactor',
  'snapRetainCount',
  'purgeInterval',
  'latencyLo',
  'latencyHi',
];

/** hints under a field (i18n keys) */
const HINTS: Partial<Record<Field, string>> = {
  snapshotSizeFactor: 'present.new.snapshotSizeFactorHint',
  snapRetainCount: 'purge.new.snapRetainCountHint',
  purgeInterval: 'purge.new.purgeIntervalHint',
};

/** the fields that take a fraction */
const DECIMAL: ReadonlySet<Field> = new Set<Field>(['snapshotSizeFactor']);

export function defaultForm(): EnsembleForm {
  const c = DEFAULT_CONFIG;
  return {
    voters: '5',
    observers: '0',
    seed: '1',
    zkVersion: c.zkVersion,
    tickTime: String(c.tickTime),
    initLimit: String(c.initLimit),
    syncLimit: String(c.syncLimit),
    snapCount: String(c.snapCount),
    snapshotSizeFactor: String(c.snapshotSizeFactor),
    snapRetainCount: String(DEFAULT_SNAP_RETAIN_COUNT),
    purgeInterval: String(DEFAULT_PURGE_INTERVAL),
    latencyLo: String(c.latencyMs[0]),
    latencyHi: String(c.latencyMs[1]),
    startAll: true,
    keepScript: false,
  };
}

/** The form filled from the run on screen (its size clamped to what the dialog offers). */
export function formFrom(s: Scenario): EnsembleForm {
  const c = s.config;
  return {
    voters: String(Math.min(9, Math.max(3, s.ensemble.voters))),
    observers: String(Math.min(3, s.ensemble.observers)),
    seed: String(s.seed),
    zkVersion: c.zkVersion,
    tickTime: String(c.tickTime),
    initLimit: String(c.initLimit),
    syncLimit: String(c.syncLimit),
    snapCount: String(c.snapCount),
    snapshotSizeFactor: String(c.snapshotSizeFactor),
    snapRetainCount: String(c.snapRetainCount ?? DEFAULT_SNAP_RETAIN_COUNT),
    purgeInterval: String(c.purgeInterval ?? DEFAULT_PURGE_INTERVAL),
    latencyLo: String(c.latencyMs[0]),
    latencyHi: String(c.latencyMs[1]),
    startAll: true,
    keepScript: false,
  };
}

export type FormResult =
  | { ok: true; scenario: Scenario }
  | { ok: false; errors: { field: Field | null; key: string; params?: Record<string, string | number> }[] };

/** The scenario the form describes, or what is wrong with it (i18n keys, by field). */
export function scenarioFromForm(f: EnsembleForm, base?: Scenario): FormResult {
  const errors: Extract<FormResult, { ok: false }>['errors'] = [];
  const n = {} as Record<Field, number>;
  for (const field of Object.keys(LIMITS) as Field[]) {
    const text = f[field].trim();
    const v = Number(text);
    const { min, max } = LIMITS[field];
    // snapshotSizeFactor is a fraction (ZooKeeper reads it as a double); the rest whole numbers
    const shape = DECIMAL.has(field) ? /^-?\d+(\.\d+)?$/ : /^\d+$/;
    if (
      !shape.test(text) ||
      !Number.isFinite(v) ||
      (!DECIMAL.has(field) && !Number.isSafeInteger(v)) ||
      v < min ||
      v > max
    )
      errors.push({ field, key: 'present.new.range', params: { min, max } });
    n[field] = v;
  }
  if (errors.length === 0 && n.latencyLo > n.latencyHi)
    errors.push({ field: 'latencyHi', key: 'present.new.latencyOrder' });
  if (errors.length > 0) return { ok: false, errors };
  const sids = Array.from({ length: n.voters + n.observers }, (_, i) => i + 1);
  const script = f.keepScript && base ? base : null;
  const size = `${n.voters} voters${n.observers ? ` + ${n.observers} observers` : ''}`;
  const r = validateScenario({
    format: 1,
    title: script ? `${script.title ?? size}, seed ${n.seed}` : `${size}, seed ${n.seed}`,
    seed: n.seed,
    ensemble: { voters: n.voters, observers: n.observers },
    config: {
      // the script's other settings (boot jitter, fsync, drop rate…) go with it
      ...(script ? script.config : {}),
      zkVersion: f.zkVersion,
      tickTime: n.tickTime,
      initLimit: n.initLimit,
      syncLimit: n.syncLimit,
      snapCount: n.snapCount,
      snapshotSizeFactor: n.snapshotSizeFactor,
      latencyMs: [n.latencyLo, n.latencyHi],
      // written when not ZooKeeper's default (or the script set them), so other runs stay as they were
      ...(n.snapRetainCount !== DEFAULT_SNAP_RETAIN_COUNT || script?.config.snapRetainCount !== undefined
        ? { snapRetainCount: n.snapRetainCount }
        : {}),
      ...(n.purgeInterval !== DEFAULT_PURGE_INTERVAL || script?.config.purgeInterval !== undefined
        ? { purgeInterval: n.purgeInterval }
        : {}),
    },
    actions: script ? structuredClone(script.actions) : f.startAll ? [{ at: 0, start: sids }] : [],
    // an open-ended session, like the default run: a day of virtual time
    until: script ? script.until : 24 * 3600 * 1000,
  });
  if (!r.ok)
    return {
      ok: false,
      errors: r.errors.map((e) => ({ field: null, key: 'present.new.invalid', params: { e } })),
    };
  return { ok: true, scenario: r.scenario };
}

function NumberField({
  field,
  label,
  hint,
  form,
  error,
  onChange,
}: {
  field: Field;
  label: string;
  hint?: string;
  form: EnsembleForm;
  error: string | null;
  onChange: (field: Field, value: string) => void;
}) {
  const id = useId();
  const { min, max } = LIMITS[field];
  return (
    <div className={error ? 'ne-field invalid' : 'ne-field'}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        inputMode={DECIMAL.has(field) ? 'decimal' : 'numeric'}
        min={min}
        max={max}
        step={DECIMAL.has(field) ? 0.01 : 1}
        value={form[field]}
        aria-invalid={error ? true : undefined}
        aria-describedby={error || hint ? `${id}-note` : undefined}
        onChange={(e) => onChange(field, e.target.value)}
        data-testid={`ne-${field}`}
      />
      {error || hint ? (
        <span id={`${id}-note`} className={error ? 'ne-error' : 'ne-hint'}>
          {error ?? hint}
        </span>
      ) : null}
    </div>
  );
}

function Group({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="ne-group">
      <legend>{title}</legend>
      {children}
    </fieldset>
  );
}

export function NewEnsembleDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const title = useScenarioTitle();
  // the run on screen: the form starts from it, and its script can be kept (e.g. a preset, another seed)
  const [base] = useState(() => useSim.getState().scenario);
  const hasScript = base.actions.length > 0;
  const [baseTitle] = useState(() => title);
  const [form, setForm] = useState<EnsembleForm>(() => formFrom(base));
  const [tried, setTried] = useState(false);
  const [link, setLink] = useState<string | null>(null);
  const [linkError, setLinkError] = useState<string | null>(null);
  const result = scenarioFromForm(form, base);
  const errorOf = (field: Field): string | null => {
    if (!tried || result.ok) return null;
    const e = result.errors.find((x) => x.field === field);
    return e ? t(e.key, e.params) : null;
  };
  const set = (field: Field, value: string) => setForm((f) => ({ ...f, [field]: value }));

  const create = () => {
    setTried(true);
    if (!result.ok) return;
    closePreset();
    useSim.getState().load(result.scenario);
    const u = shareUrl();
    if (u.ok) setLink(u.url);
    else setLinkError(t(u.messageKey, u.params));
  };

  if (link !== null || linkError !== null)
    return (
      <Dialog id="new-ensemble" title={t('present.new.title')} onClose={onClose}>
        <p className="ne-done" role="status">
          {t('present.new.created')}
        </p>
        {link !== null ? (
          <>
            <label className="ne-link">
              <span>{t('present.new.link')}</span>
              <input
                type="text"
                readOnly
                value={link}
                onFocus={(e) => e.target.select()}
                data-testid="ne-link"
              />
            </label>
            <div className="ne-actions">
              <button
                type="button"
                className="btn"
                onClick={() => void navigator.clipboard?.writeText(link).catch(() => undefined)}
              >
                {t('scn.share.copy')}
              </button>
              <button type="button" className="btn primary" onClick={onClose} data-testid="ne-done">
                {t('present.new.go')}
              </button>
            </div>
          </>
        ) : (
          <p className="ne-error" role="alert">
            {linkError}
          </p>
        )}
      </Dialog>
    );

  const general = !result.ok && tried ? result.errors.filter((e) => e.field === null) : [];
  return (
    <Dialog id="new-ensemble" title={t('present.new.title')} onClose={onClose}>
      <form
        className="ne-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          create();
        }}
      >
        <Group title={t('present.new.size')}>
          <NumberField
            field="voters"
            label={t('present.new.voters')}
            hint={t('present.new.votersHint')}
            form={form}
            error={errorOf('voters')}
            onChange={set}
          />
          <NumberField
            field="observers"
            label={t('present.new.observers')}
            hint={t('present.new.observersHint')}
            form={form}
            error={errorOf('observers')}
            onChange={set}
          />
          <NumberField
            field="seed"
            label={t('present.new.seed')}
            hint={t('present.new.seedHint')}
            form={form}
            error={errorOf('seed')}
            onChange={set}
          />
        </Group>
        <Group title={t('present.new.version')}>
          {VERSIONS.map((v) => (
            <label key={v} className="ne-radio">
              <input
                type="radio"
                name="zkVersion"
                value={v}
                checked={form.zkVersion === v}
                onChange={() => setForm((f) => ({ ...f, zkVersion: v }))}
                data-testid={`ne-version-${v}`}
              />
              <span>
                <strong>{v}</strong> — {t(VERSION_NOTES[v])}
              </span>
            </label>
          ))}
        </Group>
        <Group title={t('present.new.config')}>
          {CONFIG_FIELDS.map((field) => (
            <NumberField
              key={field}
              field={field}
              label={t(`present.new.${field}`)}
              hint={HINTS[field] ? t(HINTS[field]) : undefined}
              form={form}
              error={errorOf(field)}
              onChange={set}
            />
          ))}
        </Group>
        {hasScript ? (
          <label className="ne-check">
            <input
              type="checkbox"
              checked={form.keepScript}
              onChange={(e) => setForm((f) => ({ ...f, keepScript: e.target.checked }))}
              data-testid="ne-keepScript"
            />
            {t('present.new.keepScript', { title: baseTitle })}
          </label>
        ) : null}
        <label className="ne-check">
          <input
            type="checkbox"
            disabled={form.keepScript}
            checked={form.startAll}
            onChange={(e) => setForm((f) => ({ ...f, startAll: e.target.checked }))}
            data-testid="ne-startAll"
          />
          {t('present.new.startAll')}
        </label>
        {general.map((e, i) => (
          <p key={i} className="ne-error" role="alert">
            {t(e.key, e.params)}
          </p>
        ))}
        {tried && !result.ok ? (
          <p className="ne-error" role="alert">
            {t('present.new.fix')}
          </p>
        ) : null}
        <div className="ne-actions">
          <button type="submit" className="btn primary" data-testid="ne-create">
            {t('present.new.create')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
