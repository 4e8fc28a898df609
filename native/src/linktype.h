/* Link types: parsing --linktype, describing one in JSON, and the number a pcap file header needs. */
#ifndef NETMORTEM_LINKTYPE_H
#define NETMORTEM_LINKTYPE_H

#include "json.h"

/* Parses a DLT name ("EN10MB", "LINUX_SLL2") or number. Returns 0 on success, -1 if unknown. */
int linktype_parse(const char *text, int *dlt);

/* Writes {"name":"EN10MB","number":1,"description":"Ethernet"}; number is the pcap file LINKTYPE_ value. */
void linktype_json(struct json *json, int dlt);

/*
 * The LINKTYPE_ value a pcap file carries for a DLT_ value. They agree except
 * for a few old DLTs whose numbers differ between platforms; see
 * https://www.tcpdump.org/linktypes.html and dlt_to_linktype() in libpcap.
 */
int linktype_for_file(int dlt);

#endif
