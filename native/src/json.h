/*
 * A growable JSON text buffer. Every line the helper prints (stderr events,
 * --list, --check-filter) is built here first and then written with one
 * write(2), so a reader never sees half a line from us.
 */
#ifndef NETMORTEM_JSON_H
#define NETMORTEM_JSON_H

#include <stddef.h>

struct json {
	char *data;
	size_t length;
	size_t capacity;
};

void json_init(struct json *json);
void json_free(struct json *json);

/* Structure. json_key and json_element add the comma that JSON needs between members. */
void json_open_object(struct json *json);
void json_close_object(struct json *json);
void json_open_array(struct json *json);
void json_close_array(struct json *json);
void json_element(struct json *json);
void json_key(struct json *json, const char *key);

/* Values. json_string writes null for a NULL pointer. */
void json_string(struct json *json, const char *text);
void json_integer(struct json *json, long long value);
void json_unsigned(struct json *json, unsigned long long value);
void json_boolean(struct json *json, int value);
void json_null(struct json *json);

/* Shorthands for "key": value inside an object. */
void json_member_string(struct json *json, const char *key, const char *text);
void json_member_integer(struct json *json, const char *key, long long value);
void json_member_unsigned(struct json *json, const char *key, unsigned long long value);
void json_member_boolean(struct json *json, const char *key, int value);

/* Appends a newline and writes the whole buffer to fd. Returns 0, or -1 with errno set. */
int json_write_line(struct json *json, int fd);

#endif
