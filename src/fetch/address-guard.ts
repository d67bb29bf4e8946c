/**
 * Classifies IP addresses as public or not, for the SSRF guard. Pure: it parses the textual
 * address itself and never resolves names. A hostname such as `localhost` is not an address here;
 * the fetcher resolves names first and classifies every address they resolve to.
 *
 * IPv4 input must be strict dotted decimal (what DNS and `net` return). Decimal, octal and hex
 * host forms in URLs (`http://2130706433/`) are normalized to dotted decimal by the WHATWG URL
 * parser before they reach us. IPv6 addresses that embed an IPv4 address (IPv4-mapped
 * `::ffff:a.b.c.d`, NAT64 `64:ff9b::/96`, 6to4 `2002::/16`) are judged by the embedded address.
 */
import { isIPv4, isIPv6 } from 'node:net';

/** Why an address is refused; also the words shown in the refusal message. */
export type AddressClass =
  | 'loopback'
  | 'private network'
  | 'carrier-grade NAT'
  | 'link-local'
  | 'cloud metadata'
  | 'multicast'
  | 'broadcast'
  | 'unspecified'
  | 'reserved';

// [first address, prefix length, class]. Order matters: the first matching row wins, so the
// single metadata addresses come before the ranges that contain them.
const IPV4_RANGES: ReadonlyArray<readonly [string, number, AddressClass]> = [
  ['169.254.169.254', 32, 'cloud metadata'], // AWS, GCP, Azure, OpenStack
  ['168.63.129.16', 32, 'cloud metadata'], // Azure wire server: a public address reachable only inside Azure
  ['0.0.0.0', 8, 'unspecified'],
  ['10.0.0.0', 8, 'private network'],
  ['100.64.0.0', 10, 'carrier-grade NAT'], // also Alibaba Cloud metadata 100.100.100.200
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'],
  ['172.16.0.0', 12, 'private network'],
  ['192.0.0.0', 24, 'reserved'], // IETF protocol assignments; Oracle Cloud metadata is 192.0.0.192
  ['192.0.2.0', 24, 'reserved'], // documentation
  ['192.168.0.0', 16, 'private network'],
  ['198.18.0.0', 15, 'reserved'], // benchmarking
  ['198.51.100.0', 24, 'reserved'], // documentation
  ['203.0.113.0', 24, 'reserved'], // documentation
  ['224.0.0.0', 4, 'multicast'],
  ['255.255.255.255', 32, 'broadcast'],
  ['240.0.0.0', 4, 'reserved'],
];

// [prefix groups, prefix length in bits, class]; embedded-IPv4 prefixes are handled separately.
const IPV6_RANGES: ReadonlyArray<readonly [readonly number[], number, AddressClass]> = [
  [[0, 0, 0, 0, 0, 0, 0, 0], 128, 'unspecified'],
  [[0, 0, 0, 0, 0, 0, 0, 1], 128, 'loopback'],
  [[0, 0, 0, 0, 0, 0], 96, 'reserved'], // deprecated IPv4-compatible ::a.b.c.d
  [[0x64, 0xff9b, 1], 48, 'private network'], // local-use NAT64
  [[0x100, 0, 0, 0], 64, 'reserved'], // discard-only
  [[0x2001, 0xdb8], 32, 'reserved'], // documentation
  [[0xfc00], 7, 'private network'], // unique local, includes AWS metadata fd00:ec2::254
  [[0xfe80], 10, 'link-local'],
  [[0xfec0], 10, 'private network'], // deprecated site-local
  [[0xff00], 8, 'multicast'],
];

/** The class that makes `ip` unfit for an outbound fetch, or null when it is a public address or not an IP. */
export function classifyAddress(ip: string): AddressClass | null {
  if (isIPv4(ip)) return classifyIpv4(parseIpv4(ip));
  const groups = parseIpv6(ip);
  return groups === null ? null : classifyIpv6(groups);
}

/** True for loopback, private, CGNAT, link-local, metadata, multicast, broadcast, unspecified and reserved addresses. */
export function isPrivateAddress(ip: string): boolean {
  return classifyAddress(ip) !== null;
}

function classifyIpv4(value: number): AddressClass | null {
  for (const [base, prefix, cls] of IPV4_RANGES) {
    const mask = prefix === 0 ? 0 : (~0 << (32 - prefix)) >>> 0;
    if (((value & mask) >>> 0) === parseIpv4(base)) return cls;
  }
  return null;
}

function classifyIpv6(groups: readonly number[]): AddressClass | null {
  const embedded = embeddedIpv4(groups);
  if (embedded !== null) return classifyIpv4(embedded);
  for (const [prefix, bits, cls] of IPV6_RANGES) {
    if (hasIpv6Prefix(groups, prefix, bits)) return cls;
  }
  return null;
}

/** The IPv4 address carried inside an IPv4-mapped, NAT64 or 6to4 address, else null. */
function embeddedIpv4(g: readonly number[]): number | null {
  const at = (i: number): number => g[i] ?? 0;
  const join = (hi: number, lo: number): number => ((at(hi) << 16) | at(lo)) >>> 0;
  if (hasIpv6Prefix(g, [0, 0, 0, 0, 0, 0xffff], 96)) return join(6, 7);
  if (hasIpv6Prefix(g, [0x64, 0xff9b, 0, 0, 0, 0], 96)) return join(6, 7);
  if (hasIpv6Prefix(g, [0x2002], 16)) return join(1, 2);
  return null;
}

function hasIpv6Prefix(groups: readonly number[], prefix: readonly number[], bits: number): boolean {
  for (let i = 0; i * 16 < bits; i++) {
    const take = Math.min(16, bits - i * 16);
    const mask = (0xffff << (16 - take)) & 0xffff;
    if (((groups[i] ?? 0) & mask) !== ((prefix[i] ?? 0) & mask)) return false;
  }
  return true;
}

function parseIpv4(ip: string): number {
  return ip.split('.').reduce((acc, part) => ((acc << 8) | Number(part)) >>> 0, 0);
}

/** Eight 16-bit groups, or null when `ip` is not an IPv6 address. Accepts `[...]` and a zone id. */
function parseIpv6(input: string): number[] | null {
  let ip = input.startsWith('[') && input.endsWith(']') ? input.slice(1, -1) : input;
  if (!isIPv6(ip)) return null;
  ip = ip.split('%')[0] ?? '';
  const lastColon = ip.lastIndexOf(':');
  const tail = ip.slice(lastColon + 1);
  if (tail.includes('.')) {
    const v4 = parseIpv4(tail);
    ip = `${ip.slice(0, lastColon + 1)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const [head = '', rest] = ip.split('::');
  const toGroups = (s: string): number[] => (s === '' ? [] : s.split(':').map((h) => parseInt(h, 16)));
  const left = toGroups(head);
  if (rest === undefined) return left;
  const right = toGroups(rest);
  return [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
}
