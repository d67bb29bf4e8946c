/**
 * The re-check state machine, pure: a watched article's state and one verdict in, the check to
 * store out (next check, fingerprint, new revision, removal or return).
 *   ok ──removed──▶ suspect ──removed again, ≥ confirmMs later──▶ removed (event)
 *   suspect ──page/304──▶ ok (a blip, no event)      removed ──page/304──▶ ok (event "restored")
 * Transient failures change no state: they retry sooner, then fall back to the plan.
 */
import type { WatchCheck, WatchTarget } from '../store/index.js';
import { MAX_TRANSIENT_RETRIES, nextPlannedCheck, transientDelayMs } from '../schedule/index.js';
import { textFingerprint } from './fingerprint.js';
import type { Verdict } from './verdict.js';

export interface DecideInput {
  target: WatchTarget;
  verdict: Verdict;
  nowMs: number;
  /** Offsets of the article's schedule, null when it is off. */
  plan: readonly number[] | null;
  confirmMs: number;
  /** The cleaned page, for a `page` verdict. */
  /** warcDigest: the page response's WARC capture, which the revision's chain names. */
  page?: { clean: { html: string; text: string; firedRules: string[] }; contentHash: string; warcDigest?: string | null };
  /** Validators of a 200 answer. */
  validators?: { etag: string | null; lastModified: string | null };
}

export function decide(input: DecideInput): WatchCheck {
  const { target, verdict, nowMs } = input;
  const planned = nextPlannedCheck(target.createdAt, nowMs, input.plan);
  const base = { checkedAt: nowMs, failures: 0, suspectSince: null, suspectEvidence: null } as const;

  switch (verdict.kind) {
    case 'page':
    case 'unchanged': {
      const back = target.state === 'removed';
      const event = back ? { kind: 'restored' as const, evidence: { at: nowMs, removedAt: target.suspectSince, finalUrl: verdict.kind === 'page' ? verdict.finalUrl : target.link }, removedAt: null } : undefined;
      const common = { ...base, state: 'ok' as const, nextCheckAt: planned, ...(event ? { event } : {}) };
      if (verdict.kind === 'unchanged') return { ...common, outcome: back ? 'restored (304)' : 'unchanged (304)' };
      return { ...common, ...compare(input, verdict), ...(input.validators ?? {}), ...(back ? { outcome: 'restored' } : {}) };
    }
    case 'removed': {
      const evidence = { ...verdict.evidence };
      if (target.state === 'removed') return { ...base, state: 'removed', suspectSince: target.suspectSince, suspectEvidence: target.suspectEvidence, nextCheckAt: planned, outcome: `still removed: ${evidence.detail}` };
      if (target.state === 'suspect' && target.suspectSince !== null) {
        if (nowMs - target.suspectSince >= input.confirmMs) {
          return {
            ...base,
            state: 'removed',
            suspectSince: target.suspectSince,
            suspectEvidence: target.suspectEvidence,
            nextCheckAt: planned,
            outcome: `removed: ${evidence.detail}`,
            event: { kind: 'removed', evidence: { reason: evidence.reason, first: target.suspectEvidence, confirmed: evidence }, removedAt: target.suspectSince },
          };
        }
        return { ...base, state: 'suspect', suspectSince: target.suspectSince, suspectEvidence: target.suspectEvidence, nextCheckAt: target.suspectSince + input.confirmMs, outcome: `suspect: ${evidence.detail}` };
      }
      return { ...base, state: 'suspect', suspectSince: nowMs, suspectEvidence: evidence, nextCheckAt: nowMs + input.confirmMs, outcome: `suspect: ${evidence.detail}` };
    }
    case 'transient': {
      const failures = target.failures + 1;
      const retry = nowMs + (verdict.retryAfterMs ?? transientDelayMs(failures));
      const next = failures > MAX_TRANSIENT_RETRIES ? fallback(planned, target, input.confirmMs, nowMs) : retry;
      return { ...keepState(target), checkedAt: nowMs, failures, nextCheckAt: next, outcome: `transient: ${verdict.detail}` };
    }
    case 'error':
      return { ...keepState(target), checkedAt: nowMs, failures: 0, nextCheckAt: fallback(planned, target, input.confirmMs, nowMs), outcome: `error: ${verdict.detail}` };
  }
}

/**
 * A suspect article still gets its confirming check after a failure (by its deadline, never
 * sooner than an hour from now, so failures cannot loop); others wait for the plan.
 */
function fallback(planned: number | null, target: WatchTarget, confirmMs: number, nowMs: number): number | null {
  if (target.state !== 'suspect' || target.suspectSince === null) return planned;
  return Math.max(nowMs + HOUR, Math.min(planned ?? Infinity, target.suspectSince + confirmMs * 2));
}

const HOUR = 3_600_000;

function keepState(target: WatchTarget) {
  return { state: target.state, suspectSince: target.suspectSince, suspectEvidence: target.suspectEvidence };
}

/**
 * The page against what was seen before. The first look at a page whose stored text came from the
 * feed only sets the baseline: a feed's text and a page's extraction differ without any edit.
 */
function compare(input: DecideInput, verdict: Extract<Verdict, { kind: 'page' }>): Pick<WatchCheck, 'outcome' | 'pageHash' | 'pageTitle' | 'revision'> {
  const { target, page } = input;
  if (page === undefined) return { outcome: 'unchanged' };
  const fingerprint = textFingerprint(page.clean.text);
  const latest = target.latest;
  const baseline = target.pageHash ?? (latest.fromPage && latest.cleanText !== null ? textFingerprint(latest.cleanText) : null);
  const title = normalTitle(verdict.title);
  const titleChanged = target.pageTitle !== null && title !== null && title !== normalTitle(target.pageTitle);
  const textChanged = baseline !== null && baseline !== fingerprint;
  const kept = { pageHash: fingerprint, pageTitle: title ?? target.pageTitle };
  if (!textChanged && !titleChanged) return { ...kept, outcome: baseline === null ? 'baseline' : 'unchanged' };
  return {
    ...kept,
    outcome: textChanged && titleChanged ? 'edited (title and text)' : textChanged ? 'edited (text)' : 'edited (title)',
    revision: { title: titleChanged && title !== null ? title : latest.title, fullHtml: verdict.contentHtml, extraction: verdict.method, clean: page.clean, contentHash: page.contentHash, warcDigest: page.warcDigest ?? null },
  };
}

/** Titles compare after NFKC and collapsed spaces: a full-width space or a doubled one is not an edit. */
function normalTitle(title: string | null): string | null {
  const t = title?.normalize('NFKC').replace(/\s+/g, ' ').trim();
  return t === undefined || t === '' ? null : t;
}
