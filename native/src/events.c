#include "events.h"

#include "json.h"
#include "linktype.h"

#include <unistd.h>

static void write_event(const char *type, const char *code, const char *message, const char *detail)
{
	struct json line;
	json_init(&line);
	json_open_object(&line);
	json_member_string(&line, "type", type);
	json_member_string(&line, "code", code);
	json_member_string(&line, "message", message);
	if (detail != NULL && detail[0] != '\0')
		json_member_string(&line, "detail", detail);
	json_close_object(&line);
	(void)json_write_line(&line, STDERR_FILENO);
	json_free(&line);
}

void events_warning(const char *code, const char *message, const char *detail)
{
	write_event("warning", code, message, detail);
}

void events_notice(const char *code, const char *message)
{
	write_event("notice", code, message, NULL);
}

void events_started(pcap_t *handle, const struct options *options, int privileges_dropped)
{
	struct json line;
	json_init(&line);
	json_open_object(&line);
	json_member_string(&line, "type", "started");
	json_member_string(&line, "interface", options->interface);
	json_key(&line, "linkType");
	linktype_json(&line, pcap_datalink(handle));
	json_member_integer(&line, "snaplen", pcap_snapshot(handle));
	json_member_string(&line, "precision",
	                   pcap_get_tstamp_precision(handle) == PCAP_TSTAMP_PRECISION_NANO ? "nano" : "micro");
	json_member_string(&line, "filter", options->filter);
	json_member_boolean(&line, "promiscuous", options->promiscuous);
	json_member_boolean(&line, "immediate", options->immediate);
	json_member_integer(&line, "bufferSize", (long long)options->buffer_mb * 1024 * 1024);
	if (options->count > 0)
		json_member_integer(&line, "count", options->count);
	if (options->duration_ms > 0)
		json_member_integer(&line, "durationMs", options->duration_ms);
	json_member_boolean(&line, "privilegesDropped", privileges_dropped);
	json_member_integer(&line, "pid", (long long)getpid());
	json_close_object(&line);
	(void)json_write_line(&line, STDERR_FILENO);
	json_free(&line);
}
