#include "pcapfile.h"

#include "linktype.h"

#include <errno.h>
#include <stdint.h>

static int write_all(FILE *out, const void *bytes, size_t count)
{
	if (count == 0)
		return 0;
	if (fwrite(bytes, count, 1, out) != 1) {
		if (errno == 0)
			errno = EIO;
		return -1;
	}
	return 0;
}

int pcapfile_write_header(FILE *out, pcap_t *handle)
{
	struct {
		uint32_t magic;
		uint16_t version_major;
		uint16_t version_minor;
		int32_t this_zone;
		uint32_t significant_figures;
		uint32_t snaplen;
		uint32_t linktype;
	} header = {
		.magic = pcap_get_tstamp_precision(handle) == PCAP_TSTAMP_PRECISION_NANO ? PCAPFILE_MAGIC_NANO
		                                                                          : PCAPFILE_MAGIC_MICRO,
		.version_major = 2,
		.version_minor = 4,
		.this_zone = 0,
		.significant_figures = 0,
		.snaplen = (uint32_t)pcap_snapshot(handle),
		.linktype = (uint32_t)linktype_for_file(pcap_datalink(handle)),
	};
	_Static_assert(sizeof header == 24, "pcap file header is 24 bytes");
	return write_all(out, &header, sizeof header);
}

int pcapfile_write_record(FILE *out, const struct pcap_pkthdr *packet, const unsigned char *data)
{
	/* The on-disk time stamp is 32-bit seconds and fraction, whatever the size of struct timeval. */
	struct {
		uint32_t seconds;
		uint32_t fraction;
		uint32_t captured_length;
		uint32_t original_length;
	} header = {
		.seconds = (uint32_t)packet->ts.tv_sec,
		.fraction = (uint32_t)packet->ts.tv_usec,
		.captured_length = packet->caplen,
		.original_length = packet->len,
	};
	_Static_assert(sizeof header == 16, "pcap record header is 16 bytes");
	if (write_all(out, &header, sizeof header) != 0)
		return -1;
	return write_all(out, data, packet->caplen);
}
