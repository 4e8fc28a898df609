#include "handle.h"

#include "events.h"
#include "failure.h"
#include "linktype.h"
#include "privilege.h"

#include <stdio.h>
#include <string.h>

/* Without immediate mode the kernel hands packets over when a block fills or this many ms pass. */
#define BATCH_TIMEOUT_MS 250

static int report_open_failure(const char *interface, int activate_status, const char *message)
{
	enum failure_kind kind = failure_from_activate(activate_status, message);
	switch (kind) {
	case FAILURE_PERMISSION_DENIED:
		return failure_report(kind, message, "no permission to capture on %s; fix: %s", interface,
		                      privilege_fix_command());
	case FAILURE_NO_SUCH_DEVICE:
		return failure_report(kind, message, "no such interface: %s", interface);
	case FAILURE_INTERFACE_DOWN:
		return failure_report(kind, message, "interface %s is not up", interface);
	default:
		return failure_report(kind, message, "cannot capture on %s: %s", interface, message);
	}
}

/* libpcap's message for a failed activation: its error buffer, or the status text when that is empty. */
static const char *activate_message(pcap_t *handle, int status)
{
	const char *message = pcap_geterr(handle);
	if (message == NULL || message[0] == '\0')
		message = pcap_statustostr(status);
	return message;
}

static int select_linktype(pcap_t *handle, const struct options *options)
{
	int dlt;
	if (linktype_parse(options->linktype, &dlt) != 0)
		return failure_report(FAILURE_BAD_LINKTYPE, NULL, "unknown link type '%s'", options->linktype);
	if (pcap_set_datalink(handle, dlt) != 0)
		return failure_report(FAILURE_BAD_LINKTYPE, pcap_geterr(handle), "interface %s does not offer link type %s",
		                      options->interface, options->linktype);
	return 0;
}

pcap_t *handle_open(const struct options *options, int *status)
{
	char errbuf[PCAP_ERRBUF_SIZE] = "";
	pcap_t *handle = pcap_create(options->interface, errbuf);
	if (handle == NULL) {
		*status = report_open_failure(options->interface, PCAP_ERROR, errbuf);
		return NULL;
	}
	/* The setters can fail only on an already activated handle, which this is not. */
	(void)pcap_set_snaplen(handle, options->snaplen);
	(void)pcap_set_promisc(handle, options->promiscuous);
	(void)pcap_set_immediate_mode(handle, options->immediate);
	(void)pcap_set_timeout(handle, BATCH_TIMEOUT_MS);
	(void)pcap_set_buffer_size(handle, options->buffer_mb * 1024 * 1024);
	/* PCAP_ERROR_TSTAMP_PRECISION_NOTSUP leaves microseconds, which the pcap header then says. */
	(void)pcap_set_tstamp_precision(handle, PCAP_TSTAMP_PRECISION_NANO);

	int activated = pcap_activate(handle);
	if (activated < 0) {
		*status = report_open_failure(options->interface, activated, activate_message(handle, activated));
		pcap_close(handle);
		return NULL;
	}
	if (activated > 0) {
		/* Warnings (promiscuous mode not supported, ...) do not stop the capture. */
		char message[PCAP_ERRBUF_SIZE + 64];
		snprintf(message, sizeof message, "%s: %s", options->interface, pcap_statustostr(activated));
		events_warning("pcap-warning", message, pcap_geterr(handle));
	}
	if (options->linktype != NULL) {
		*status = select_linktype(handle, options);
		if (*status != 0) {
			pcap_close(handle);
			return NULL;
		}
	}
	*status = 0;
	return handle;
}
