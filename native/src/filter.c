#include "filter.h"

#include "failure.h"
#include "handle.h"
#include "json.h"
#include "linktype.h"

#include <unistd.h>

/* Compiles filter into program; on failure prints the bad-filter line with libpcap's message. */
static int compile(pcap_t *handle, const char *interface, const char *filter, struct bpf_program *program)
{
	/* The netmask only matters for "ip broadcast"; without one libpcap rejects just that primitive. */
	bpf_u_int32 network = 0, netmask = PCAP_NETMASK_UNKNOWN;
	char errbuf[PCAP_ERRBUF_SIZE];
	if (interface == NULL || pcap_lookupnet(interface, &network, &netmask, errbuf) != 0)
		netmask = PCAP_NETMASK_UNKNOWN;
	if (pcap_compile(handle, program, filter, 1, netmask) != 0) {
		const char *message = pcap_geterr(handle);
		return failure_report(FAILURE_BAD_FILTER, message, "bad capture filter \"%s\": %s", filter, message);
	}
	return 0;
}

int filter_install(pcap_t *handle, const char *interface, const char *filter)
{
	if (filter == NULL)
		return 0;
	struct bpf_program program;
	int status = compile(handle, interface, filter, &program);
	if (status != 0)
		return status;
	if (pcap_setfilter(handle, &program) != 0)
		status = failure_report(FAILURE_CAPTURE, pcap_geterr(handle), "cannot install the capture filter on %s: %s",
		                        interface, pcap_geterr(handle));
	pcap_freecode(&program);
	return status;
}

int filter_check(const struct options *options)
{
	const char *filter = options->filter != NULL ? options->filter : "";
	pcap_t *handle;
	int status = 0;
	if (options->interface != NULL) {
		handle = handle_open(options, &status);
		if (handle == NULL)
			return status;
	} else {
		int dlt = DLT_EN10MB;
		if (options->linktype != NULL && linktype_parse(options->linktype, &dlt) != 0)
			return failure_report(FAILURE_BAD_LINKTYPE, NULL, "unknown link type '%s'", options->linktype);
		handle = pcap_open_dead_with_tstamp_precision(dlt, options->snaplen, PCAP_TSTAMP_PRECISION_NANO);
		if (handle == NULL)
			return failure_report(FAILURE_CAPTURE, NULL, "libpcap could not make a handle for link type %d", dlt);
	}

	struct bpf_program program;
	status = compile(handle, options->interface, filter, &program);
	if (status == 0) {
		struct json line;
		json_init(&line);
		json_open_object(&line);
		json_member_boolean(&line, "ok", 1);
		json_member_string(&line, "filter", filter);
		json_key(&line, "linkType");
		linktype_json(&line, pcap_datalink(handle));
		json_member_unsigned(&line, "instructions", program.bf_len);
		json_close_object(&line);
		if (json_write_line(&line, STDOUT_FILENO) != 0)
			status = failure_report(FAILURE_WRITE_FAILED, NULL, "cannot write the result to stdout");
		json_free(&line);
		pcap_freecode(&program);
	}
	pcap_close(handle);
	return status;
}
