/*
 * JSON text building and string escaping (RFC 8259). Strings from libpcap and
 * the kernel (interface descriptions, error messages) are not guaranteed to be
 * UTF-8, so bytes that do not form valid UTF-8 become U+FFFD rather than
 * producing text a JSON parser would reject.
 */
#include "json.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void json_init(struct json *json)
{
	json->data = NULL;
	json->length = 0;
	json->capacity = 0;
}

void json_free(struct json *json)
{
	free(json->data);
	json_init(json);
}

static void reserve(struct json *json, size_t extra)
{
	if (json->length + extra <= json->capacity)
		return;
	size_t capacity = json->capacity ? json->capacity : 256;
	while (capacity < json->length + extra)
		capacity *= 2;
	char *data = realloc(json->data, capacity);
	if (data == NULL) {
		/* Nothing sensible is left to do without memory; say so in the agreed format. */
		static const char line[] = "{\"type\":\"error\",\"code\":\"out-of-memory\",\"message\":\"out of memory\"}\n";
		ssize_t ignored = write(STDERR_FILENO, line, sizeof line - 1);
		(void)ignored;
		_exit(1);
	}
	json->data = data;
	json->capacity = capacity;
}

static void append(struct json *json, const char *bytes, size_t count)
{
	reserve(json, count);
	memcpy(json->data + json->length, bytes, count);
	json->length += count;
}

static void append_char(struct json *json, char c)
{
	append(json, &c, 1);
}

static int needs_comma(const struct json *json)
{
	if (json->length == 0)
		return 0;
	char last = json->data[json->length - 1];
	return last != '{' && last != '[' && last != ':';
}

void json_element(struct json *json)
{
	if (needs_comma(json))
		append_char(json, ',');
}

void json_open_object(struct json *json)
{
	json_element(json);
	append_char(json, '{');
}

void json_close_object(struct json *json)
{
	append_char(json, '}');
}

void json_open_array(struct json *json)
{
	json_element(json);
	append_char(json, '[');
}

void json_close_array(struct json *json)
{
	append_char(json, ']');
}

/* Length of the valid UTF-8 sequence at text (1 to 4), or 0 if the bytes there are not valid UTF-8. */
static size_t utf8_sequence_length(const unsigned char *text)
{
	unsigned char lead = text[0];
	size_t length;
	unsigned int minimum;
	unsigned int code_point;
	if (lead >= 0xc2 && lead <= 0xdf) {
		length = 2;
		code_point = lead & 0x1f;
		minimum = 0x80;
	} else if (lead >= 0xe0 && lead <= 0xef) {
		length = 3;
		code_point = lead & 0x0f;
		minimum = 0x800;
	} else if (lead >= 0xf0 && lead <= 0xf4) {
		length = 4;
		code_point = lead & 0x07;
		minimum = 0x10000;
	} else {
		return 0;
	}
	for (size_t i = 1; i < length; i++) {
		if ((text[i] & 0xc0) != 0x80)
			return 0;
		code_point = (code_point << 6) | (text[i] & 0x3f);
	}
	if (code_point < minimum || code_point > 0x10ffff || (code_point >= 0xd800 && code_point <= 0xdfff))
		return 0;
	return length;
}

static void append_escaped(struct json *json, const char *text)
{
	const unsigned char *cursor = (const unsigned char *)text;
	append_char(json, '"');
	while (*cursor != '\0') {
		unsigned char c = *cursor;
		if (c == '"' || c == '\\') {
			append_char(json, '\\');
			append_char(json, (char)c);
			cursor++;
		} else if (c < 0x20) {
			char escape[8];
			switch (c) {
			case '\n': append(json, "\\n", 2); break;
			case '\r': append(json, "\\r", 2); break;
			case '\t': append(json, "\\t", 2); break;
			default:
				snprintf(escape, sizeof escape, "\\u%04x", c);
				append(json, escape, 6);
			}
			cursor++;
		} else if (c < 0x80) {
			append_char(json, (char)c);
			cursor++;
		} else {
			size_t length = utf8_sequence_length(cursor);
			if (length == 0) {
				append(json, "\\ufffd", 6);
				cursor++;
			} else {
				append(json, (const char *)cursor, length);
				cursor += length;
			}
		}
	}
	append_char(json, '"');
}

void json_key(struct json *json, const char *key)
{
	json_element(json);
	append_escaped(json, key);
	append_char(json, ':');
}

void json_string(struct json *json, const char *text)
{
	json_element(json);
	if (text == NULL)
		append(json, "null", 4);
	else
		append_escaped(json, text);
}

void json_integer(struct json *json, long long value)
{
	char digits[32];
	int count = snprintf(digits, sizeof digits, "%lld", value);
	json_element(json);
	append(json, digits, (size_t)count);
}

void json_unsigned(struct json *json, unsigned long long value)
{
	char digits[32];
	int count = snprintf(digits, sizeof digits, "%llu", value);
	json_element(json);
	append(json, digits, (size_t)count);
}

void json_boolean(struct json *json, int value)
{
	json_element(json);
	if (value)
		append(json, "true", 4);
	else
		append(json, "false", 5);
}

void json_null(struct json *json)
{
	json_element(json);
	append(json, "null", 4);
}

void json_member_string(struct json *json, const char *key, const char *text)
{
	json_key(json, key);
	json_string(json, text);
}

void json_member_integer(struct json *json, const char *key, long long value)
{
	json_key(json, key);
	json_integer(json, value);
}

void json_member_unsigned(struct json *json, const char *key, unsigned long long value)
{
	json_key(json, key);
	json_unsigned(json, value);
}

void json_member_boolean(struct json *json, const char *key, int value)
{
	json_key(json, key);
	json_boolean(json, value);
}

int json_write_line(struct json *json, int fd)
{
	append_char(json, '\n');
	size_t written = 0;
	while (written < json->length) {
		ssize_t count = write(fd, json->data + written, json->length - written);
		if (count < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		written += (size_t)count;
	}
	return 0;
}
