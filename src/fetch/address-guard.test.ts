import { describe, expect, it } from 'vitest';
import { classifyAddress, isPrivateAddress } from './address-guard.js';

describe('isPrivateAddress', () => {
  it.each([
    // IPv4 refused
    ['127.0.0.1', true, 'loopback'],
    ['127.255.255.254', true, 'loopback, top of 127/8'],
    ['10.0.0.5', true, 'RFC 1918 10/8'],
    ['172.16.0.1', true, 'RFC 1918 172.16/12, bottom'],
    ['172.31.255.255', true, 'RFC 1918 172.16/12, top'],
    ['192.168.1.1', true, 'RFC 1918 192.168/16'],
    ['100.64.0.1', true, 'CGNAT bottom'],
    ['100.127.255.254', true, 'CGNAT top'],
    ['100.100.100.200', true, 'Alibaba metadata inside CGNAT'],
    ['169.254.169.254', true, 'cloud metadata'],
    ['169.254.1.1', true, 'link-local'],
    ['0.0.0.0', true, 'unspecified'],
    ['0.1.2.3', true, '"this network" 0/8'],
    ['224.0.0.1', true, 'multicast'],
    ['239.255.255.250', true, 'multicast SSDP'],
    ['255.255.255.255', true, 'broadcast'],
    ['240.0.0.1', true, 'reserved 240/4'],
    ['192.0.0.192', true, 'Oracle metadata in 192.0.0/24'],
    ['198.18.0.1', true, 'benchmarking'],
    ['168.63.129.16', true, 'Azure wire server'],
    // IPv4 allowed
    ['8.8.8.8', false, 'public DNS'],
    ['93.184.216.34', false, 'public web'],
    ['172.15.255.255', false, 'just below 172.16/12'],
    ['172.32.0.0', false, 'just above 172.16/12'],
    ['100.63.255.255', false, 'just below CGNAT'],
    ['100.128.0.0', false, 'just above CGNAT'],
    ['11.0.0.1', false, 'just above 10/8'],
    ['223.255.255.255', false, 'just below multicast'],
    // IPv6 refused
    ['::1', true, 'IPv6 loopback'],
    ['::', true, 'IPv6 unspecified'],
    ['fc00::1', true, 'unique local fc00::/7 (fc)'],
    ['fd12:3456:789a::1', true, 'unique local fc00::/7 (fd)'],
    ['fd00:ec2::254', true, 'AWS IPv6 metadata'],
    ['fe80::1', true, 'link-local'],
    ['fe80::1%eth0', true, 'link-local with zone id'],
    ['febf::1', true, 'link-local top of fe80::/10'],
    ['ff02::1', true, 'multicast'],
    ['::ffff:127.0.0.1', true, 'IPv4-mapped loopback'],
    ['::ffff:10.0.0.1', true, 'IPv4-mapped private'],
    ['::ffff:a9fe:a9fe', true, 'IPv4-mapped metadata in hex'],
    ['0:0:0:0:0:ffff:192.168.0.1', true, 'IPv4-mapped, long form'],
    ['64:ff9b::10.1.2.3', true, 'NAT64 of a private v4'],
    ['64:ff9b::7f00:1', true, 'NAT64 of loopback in hex'],
    ['2002:c0a8:0101::1', true, '6to4 of 192.168.1.1'],
    ['::127.0.0.1', true, 'deprecated IPv4-compatible'],
    ['[::1]', true, 'bracketed literal'],
    // IPv6 allowed
    ['2606:4700:4700::1111', false, 'public IPv6'],
    ['2001:4860:4860::8888', false, 'public IPv6 (2)'],
    ['::ffff:8.8.8.8', false, 'IPv4-mapped public'],
    ['64:ff9b::8.8.8.8', false, 'NAT64 of a public v4'],
    ['fec0::1', true, 'deprecated site-local'],
    ['fbff:ffff::1', false, 'just below fc00::/7'],
    // not addresses
    ['localhost', false, 'a name, not an address'],
    ['2130706433', false, 'decimal form is not an address here (URL parser normalizes it)'],
    ['', false, 'empty'],
  ])('%s → %s (%s)', (ip, expected) => {
    expect(isPrivateAddress(ip)).toBe(expected);
  });
});

describe('classifyAddress', () => {
  it.each([
    ['10.0.0.5', 'private network'],
    ['169.254.169.254', 'cloud metadata'],
    ['100.64.1.1', 'carrier-grade NAT'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['ff05::2', 'multicast'],
    ['8.8.8.8', null],
  ])('%s is %s', (ip, expected) => {
    expect(classifyAddress(ip)).toBe(expected);
  });
});
