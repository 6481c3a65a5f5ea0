/**
 * What a view may use of the harness besides its types: scenario files and links (validate,
 * serialize, the default config), the input limits and their messages, the trace as a run holds
 * it (which lines are still in memory, readers that see every line before it goes, its hash) and
 * the CLI's summary of a run. Nothing here runs the model: a replay belongs to the engine
 * (src/engine). The UI imports values from src/sim only through this module (eslint.config.js).
 */
export { DEFAULT_CONFIG, serializeScenario, validateScenario } from './Scenario';
export { LIMITS, bytesText, overLimit } from './limits';
export { firstHeld, registerTraceReader, traceHashOf } from './TraceLog';
export { summarize } from './Summary';
