/**
 * Tying an ICMP/ICMPv6 error to the DNS query it answers, from the datagram it quotes
 * (RFC 792: the IP header and at least 8 bytes, so the ports; RFC 1812 §4.3.2.3 and
 * RFC 4443 §2.4(c) let routers and hosts quote more, so usually the DNS header and question
 * too). Tried in order:
 *   1. the quoted DNS id and question with both ports: the exact transaction key;
 *   2. the newest transaction between the quoted addresses that fits whatever is quoted:
 *      transport, ports, DNS id, and the IPv4 identification when no ports are quoted;
 *      text imports quote no client port and no id, so this is (client, server, port 53,
 *      most recent open query).
 */
import type { LayerView, Transport } from './layer-view';
import type { QueryKey, Transaction } from './transaction';
import type { TransactionTable } from './transactions';

export function linkIcmpError(
  table: TransactionTable,
  key: QueryKey,
  quoted: LayerView,
  transport: Transport | undefined,
  client: string,
  server: string,
  serverPort: number,
): Transaction | undefined {
  const dns = quoted.dns;
  const clientPort = quoted.hasPorts ? quoted.sourcePort : 0;
  if (dns && transport && clientPort > 0) {
    const question = dns.questions[0];
    key.set(
      transport,
      client,
      clientPort,
      server,
      serverPort,
      dns.id,
      question ? question.name.toLowerCase() : '',
      question ? question.type : 0,
      question ? question.class : 0,
    );
    const exact = table.findOpen(key) ?? table.findRecent(key);
    if (exact) return exact;
  }
  return table.findByPair(client, server, {
    transport,
    clientPort,
    serverPort,
    // A text import's quoted DNS header (if the importer builds one) has no real id.
    dnsId: dns && clientPort > 0 ? dns.id : -1,
    ipId: quoted.ipId,
  });
}
