/*
 * The classic pcap file format on stdout
 * (https://www.ietf.org/archive/id/draft-ietf-opsawg-pcap-03.html): a 24-byte
 * header, then a 16-byte header before each packet, all in host byte order.
 */
#ifndef NETMORTEM_PCAPFILE_H
#define NETMORTEM_PCAPFILE_H

#include <pcap/pcap.h>
#include <stdio.h>

#define PCAPFILE_MAGIC_MICRO 0xa1b2c3d4u
#define PCAPFILE_MAGIC_NANO 0xa1b23c4du

/* Writes the file header for handle's link type, snaplen and time stamp precision. 0, or -1 with errno. */
int pcapfile_write_header(FILE *out, pcap_t *handle);

/* Writes one record. The fraction in header->ts.tv_usec is in the handle's precision. 0, or -1 with errno. */
int pcapfile_write_record(FILE *out, const struct pcap_pkthdr *header, const unsigned char *data);

#endif
