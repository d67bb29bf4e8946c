/**
 * docs/CONFIG.md, generated from the settings table so the reference cannot drift from the code.
 * `config-docs.test.ts` fails when the checked-in file differs and rewrites it with UPDATE_GOLDEN=1.
 */
import { SETTINGS, type SettingSpec } from './settings.js';

export const CONFIG_DOCS_PATH = 'docs/CONFIG.md';

const INTRO = `# Configuration

<!-- Generated from src/config/settings.ts by renderConfigDocs(). Do not edit by hand:
     change the settings table, then run \`UPDATE_GOLDEN=1 npx vitest run src/config\`. -->

Every setting can be given, from strongest to weakest, as a command-line flag, an environment
variable or a key in the JSON config file; otherwise its default applies. feedkeeper checks all
of them at start-up and refuses to start on any bad value, listing every problem, one per line,
with where it came from:

\`\`\`
FEEDKEEPER_FETCH_TIMEOUT_SECONDS: expected a whole number of seconds from 1 to 600, got "10s"
\`\`\`

- **Config file.** \`--config <path>\` or \`FEEDKEEPER_CONFIG\` names it (it must then exist);
  otherwise \`<dataDir>/feedkeeper.json\` is read if it is there. It holds one JSON object whose keys
  are the config-file keys below; an unknown key is an error. Numbers and booleans are written as
  JSON numbers and booleans (a byte size may also be a string such as \`"20MB"\`). Relative paths
  in the file are resolved against the file's directory.
- **Environment.** An empty variable counts as unset. Unknown \`FEEDKEEPER_*\` variables are ignored
  with a warning in the log.
- **Booleans** from flags or the environment: \`1\`, \`true\`, \`yes\` or \`0\`, \`false\`, \`no\`
  (any case).
- **Byte sizes**: a number of bytes, or a number with a unit: \`KiB\`, \`MiB\`, \`GiB\` (powers of
  1024), \`KB\`, \`MB\`, \`GB\` (powers of 1000), or \`K\`, \`M\`, \`G\` (powers of 1024, as nginx
  reads them). Examples: \`512KiB\`, \`20MB\`, \`1.5 GiB\`.
- **Secrets** are never printed: logs show \`[redacted]\`, and error messages give only their length.
`;

const COLUMNS = ['Setting', 'Flag', 'Env var', 'Config-file key', 'Type', 'Default', 'Description'];

export function renderConfigDocs(): string {
  const header = `| ${COLUMNS.join(' | ')} |\n|${COLUMNS.map(() => '---').join('|')}|\n`;
  return `${INTRO}\n${header}${SETTINGS.map(renderRow).join('')}`;
}

function renderRow(setting: SettingSpec): string {
  const flag = setting.flag === null ? '—' : `\`${[setting.flag, setting.flagArgument].filter(Boolean).join(' ')}\``;
  const cells = [
    `\`${setting.key}\``,
    flag,
    `\`${setting.env}\``,
    setting.fileKey === null ? '—' : `\`${setting.fileKey}\``,
    setting.type,
    setting.defaultText,
    setting.description + (setting.secret ? ' **Secret.**' : ''),
  ];
  // A pipe inside a cell, even inside backticks, would end the cell.
  return `| ${cells.map((cell) => cell.replace(/\n/g, ' ').replace(/\|/g, '\\|')).join(' | ')} |\n`;
}
