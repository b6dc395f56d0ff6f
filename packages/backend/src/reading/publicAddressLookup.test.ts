import net from 'node:net';
import type { LookupAddress } from 'node:dns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotAllowedError, ServiceUnavailableError } from '@callboard/common';
import { RootConfig } from '../config/RootConfig.ts';
import { isPrivateAddress, type Resolver } from './publicAddressLookup.ts';
import { readingConfigSchema } from './readingConfig.ts';
import { UrlReader } from './UrlReader.ts';

describe('isPrivateAddress', () => {
  it.each([
    '127.0.0.1',
    '127.255.0.9',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::1',
    '::',
    'fe80::1',
    'fd00:ec2::254',
    '::ffff:10.0.0.1',
    '::ffff:127.0.0.1',
    'not-an-address',
  ])('refuses %s', (address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each(['8.8.8.8', '1.1.1.1', '172.32.0.1', '192.169.0.1', '2606:4700::1111', '::ffff:8.8.8.8'])('accepts %s', (address) => {
    expect(isPrivateAddress(address)).toBe(false);
  });
});

/*
 * A host on the allow list by name, whose DNS answer is a private address:
 * the rebinding case. The resolver is the test's own (no DNS here); the
 * connection itself is real, to a TCP server on loopback that counts who
 * reaches it.
 */
describe('UrlReader and allowed hosts that resolve to private addresses', () => {
  let server: net.Server;
  let port: number;
  let connections = 0;
  beforeAll(async () => {
    server = net.createServer((socket) => {
      connections++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as net.AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const resolverTo = (...addresses: string[]): Resolver => (_hostname, _options, callback) =>
    callback(null, addresses.map((address): LookupAddress => ({ address, family: net.isIP(address) })));
  const readerWith = (entry: Record<string, unknown>, resolve: Resolver) =>
    UrlReader.create({
      github: [],
      allow: RootConfig.from({ data: { backend: { reading: { allow: [entry] } } }, baseDir: process.cwd(), files: [] }).section(
        'backend.reading',
        readingConfigSchema,
      ).allow,
      resolve,
      timeoutMs: 5000,
    });

  it('refuses before connecting, and says how to allow an internal host', async () => {
    const before = connections;
    for (const addresses of [['127.0.0.1'], ['169.254.169.254'], ['93.184.216.34', '10.0.0.7']]) {
      const reader = readerWith({ host: `catalog.example.test:${port}` }, resolverTo(...addresses));
      const error = await reader.readUrl(`https://catalog.example.test:${port}/catalog-info.yaml`).catch((e: unknown) => e);
      expect(error, addresses.join()).toBeInstanceOf(NotAllowedError);
      // Binary reads (docs images) go through the same guard.
      await expect(reader.readUrlBytes(`https://catalog.example.test:${port}/logo.png`)).rejects.toBeInstanceOf(NotAllowedError);
      expect((error as Error).message).toBe(
        `Reading https://catalog.example.test:${port}/catalog-info.yaml is not allowed: host 'catalog.example.test' resolves to ${addresses.find((a) => a !== '93.184.216.34')}, a private address. If 'catalog.example.test:${port}' is meant to be on your private network, set privateNetwork: true on its entry under backend.reading.allow`,
      );
    }
    expect(connections).toBe(before);
  });

  it('connects when the entry says the host is on the private network', async () => {
    const before = connections;
    const reader = readerWith({ host: `catalog.example.test:${port}`, privateNetwork: true }, resolverTo('127.0.0.1'));
    // The loopback server hangs up at once (it speaks no TLS): the read fails, but only after connecting.
    const error = await reader.readUrl(`https://catalog.example.test:${port}/catalog-info.yaml`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(connections).toBe(before + 1);
  });
});
