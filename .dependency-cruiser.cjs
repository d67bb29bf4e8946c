/**
 * Import rules from ../shared/STYLE.md §2: pure stages import no I/O stages, nothing imports
 * main.ts, implementations of the two seams are chosen only in main.ts, and no cycles.
 */
module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'pure-stages-stay-pure',
      comment: 'encoding, parse, discover, extract, clean, search, publish take everything as arguments',
      severity: 'error',
      from: { path: '^src/(encoding|parse|discover|extract|clean|search|publish|diff)/', pathNot: '\\.test\\.ts$' },
      to: { path: '^src/(store|queue|fetch|serve|config|cli|ingest|schedule|archive|warc)/' },
    },
    {
      name: 'capture-is-wired-in-main',
      comment: 'fetch reports exchanges to an observer and never knows about WARC; warc knows no store, queue or front door',
      severity: 'error',
      from: { path: '^src/(fetch|ingest|store|queue|schedule)/' },
      to: { path: '^src/warc/' },
    },
    {
      name: 'warc-stands-alone',
      severity: 'error',
      from: { path: '^src/warc/' },
      to: { path: '^src/(store|queue|serve|cli|ingest|schedule|config)/' },
    },
    {
      name: 'core-imports-nothing',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: '^src/(?!core/)' },
    },
    {
      name: 'nothing-imports-main',
      comment: 'except the CLI end-to-end harness, which runs commands in-process through it',
      severity: 'error',
      from: { pathNot: '^test/cli-harness\\.ts$' },
      to: { path: '^src/main\\.ts$' },
    },
    {
      name: 'implementations-chosen-in-main',
      comment: 'only main.ts picks sqlite/postgres and memory/bullmq',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/(main\\.ts|store/|queue/)', '\\.test\\.ts$'] },
      to: { path: '^src/(store/(sqlite|postgres)|queue/(memory|bullmq))/' },
    },
    {
      name: 'front-doors-are-not-imported',
      severity: 'error',
      from: { path: '^src/(?!cli/|serve/|main\\.ts)' },
      to: { path: '^src/(cli|serve)/' },
    },
    {
      name: 'no-orphans',
      severity: 'warn',
      from: { orphan: true, pathNot: ['\\.d\\.ts$', '(^|/)tsconfig\\.json$', '\\.test\\.ts$', 'src/main\\.ts$', '^src/serve/static/'] },
      to: {},
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
