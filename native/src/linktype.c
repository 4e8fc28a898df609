#include "linktype.h"

#include <errno.h>
#include <pcap/pcap.h>
#include <stdlib.h>

int linktype_parse(const char *text, int *dlt)
{
	char *end;
	errno = 0;
	long number = strtol(text, &end, 10);
	if (end != text && *end == '\0') {
		if (errno != 0 || number < 0 || number > 0xffff)
			return -1;
		*dlt = (int)number;
		return 0;
	}
	int value = pcap_datalink_name_to_val(text);
	if (value < 0)
		return -1;
	*dlt = value;
	return 0;
}

int linktype_for_file(int dlt)
{
	if (dlt == DLT_ATM_RFC1483)
		return 100;
	if (dlt == DLT_RAW)
		return 101;
	if (dlt == DLT_SLIP_BSDOS)
		return 102;
	if (dlt == DLT_PPP_BSDOS)
		return 103;
#ifdef DLT_ATM_CLIP
	if (dlt == DLT_ATM_CLIP)
		return 106;
#endif
	return dlt;
}

void linktype_json(struct json *json, int dlt)
{
	json_open_object(json);
	json_member_string(json, "name", pcap_datalink_val_to_name(dlt));
	json_member_integer(json, "number", linktype_for_file(dlt));
	json_member_string(json, "description", pcap_datalink_val_to_description(dlt));
	json_close_object(json);
}
