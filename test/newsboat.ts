/**
 * Debian's newsboat (2.21), a real Google Reader client, driven under tmux for the sync API's
 * end-to-end test: its `feedhq` source logs in with ClientLogin, lists subscriptions, fetches each
 * feed as `/reader/atom/<stream>` and marks read with edit-tag and mark-all-as-read.
 * .ci/run installs newsboat and tmux from Debian, so under CI a missing one fails the test;
 * elsewhere the test is skipped with a message saying how to run it.
 * newsboat gets a home of its own in a temp dir, so it never touches the user's ~/.newsboat.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function onPath(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

/** True when the test can run; under CI a missing client is a failure, elsewhere a skip that says why. */
export function haveNewsboat(): boolean {
  if (onPath('newsboat') && onPath('tmux')) return true;
  if (process.env.CI) throw new Error('the newsboat test needs newsboat and tmux from Debian, which .ci/run installs; they are missing');
  console.warn('newsboat test skipped: newsboat or tmux is not installed (apt-get install newsboat tmux)');
  return false;
}

export interface Newsboat {
  /** The screen as text. */
  screen(): string;
  /** tmux key names: 'Enter', 'q', 'R', 'A'. */
  keys(...keys: string[]): void;
  /** Waits until the screen matches; throws with the last screen after `timeoutMs`. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  stop(): void;
}

let sessions = 0;

export function startNewsboat(opts: { dir: string; greaderUrl: string; login: string; password: string }): Newsboat {
  const file = (name: string) => join(opts.dir, name);
  writeFileSync(file('password'), opts.password);
  chmodSync(file('password'), 0o600);
  writeFileSync(file('urls'), '');
  writeFileSync(file('config'), [
    'urls-source "feedhq"',
    `feedhq-url "${opts.greaderUrl}"`,
    `feedhq-login "${opts.login}"`,
    `feedhq-passwordfile "${file('password')}"`,
    'feedhq-show-special-feeds "no"',
    'feedhq-min-items 50',
    'show-read-feeds yes',
    'show-read-articles yes',
    'confirm-exit no',
    'auto-reload no',
    'reload-threads 1',
    'download-retries 1',
    'download-timeout 10',
    'suppress-first-reload no',
    '',
  ].join('\n'));
  const name = `feedkeeper-newsboat-${process.pid}-${++sessions}`;
  const command = `newsboat -r -C ${file('config')} -u ${file('urls')} -c ${file('cache.db')}`;
  execFileSync('tmux', ['new-session', '-d', '-s', name, '-x', '160', '-y', '48', '-e', `HOME=${opts.dir}`, '-e', 'LANG=C.UTF-8', '-e', 'TERM=xterm-256color', command]);
  const screen = () => {
    const out = spawnSync('tmux', ['capture-pane', '-p', '-t', name], { encoding: 'utf8' });
    return out.status === 0 ? out.stdout : `(no screen: ${out.stderr.trim()})`;
  };
  return {
    screen,
    keys: (...keys) => execFileSync('tmux', ['send-keys', '-t', name, ...keys]),
    async waitFor(pattern, timeoutMs = 15_000) {
      const until = Date.now() + timeoutMs;
      let last = '';
      while (Date.now() < until) {
        last = screen();
        if (pattern.test(last)) return last;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      throw new Error(`newsboat: the screen never matched ${pattern} in ${timeoutMs} ms; it shows:\n${last}`);
    },
    stop() {
      spawnSync('tmux', ['kill-session', '-t', name], { stdio: 'ignore' });
    },
  };
}
