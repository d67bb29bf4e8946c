/**
 * Configuration: every setting declared once (settings.ts), loaded from flags, environment and a
 * JSON file with that precedence, validated at start-up, frozen. main.ts loads it (and is the only
 * place that passes process.env); cli/ reads SETTINGS to declare the flags in --help. Components
 * receive single values, never Config.
 */
export { loadConfigWithWarnings, type LoadConfigInput, type LoadedConfig } from './load.js';
export { SETTINGS, type Config, type LogFormat, type LogLevel, type SettingSpec } from './settings.js';
export { redactConfig } from './redact.js';
export { redactUrlPassword } from './kinds.js';
