/*
 * The live-capture bench's traffic source: DNS over UDP at a fixed packet rate for a fixed
 * time, paced against the monotonic clock and sent with sendmmsg(2) on a packet socket, so
 * one core offers far more than a capture can take. Built and run by bench/live-capture.ts
 * inside a network namespace, on one end of a veth pair; frames only ever leave on that
 * interface, with documentation addresses (RFC 5737): client 198.51.100.1, server 198.51.100.2.
 *
 *   live-capture-sender IFACE MODE RATE SECONDS      (prints {"sent":N,"seconds":S})
 *
 * MODE pairs:   a query and its NOERROR answer, alternately (healthy traffic)
 * MODE queries: queries only, none answered (a flood that times out)
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define BATCH 256
#define FRAME_MAX 128
#define MAXIMUM_RATE 4000000

static double now(void)
{
	struct timespec time;
	clock_gettime(CLOCK_MONOTONIC, &time);
	return (double)time.tv_sec + (double)time.tv_nsec / 1e9;
}

static void put16(unsigned char *at, unsigned value)
{
	at[0] = (unsigned char)(value >> 8);
	at[1] = (unsigned char)value;
}

/* RFC 791 header checksum. */
static unsigned ipv4_checksum(const unsigned char *header)
{
	unsigned long sum = 0;
	for (int i = 0; i < 20; i += 2)
		sum += (unsigned long)(header[i] << 8 | header[i + 1]);
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (unsigned)(~sum & 0xffff);
}

/*
 * One Ethernet/IPv4/UDP/DNS frame (RFC 1035 4.1): the query for yummyrecipesforme.com A, or
 * the answer 203.0.113.80. Broadcast destination MAC, so the far end takes it whatever its MAC.
 */
static size_t dns_frame(unsigned char *frame, int response, unsigned sequence)
{
	static const unsigned char question[] = "\x11" "yummyrecipesforme" "\x03" "com" "\x00\x00\x01\x00\x01";
	static const unsigned char answer[] = { 0xc0, 0x0c, 0, 1, 0, 1, 0, 0, 0x01, 0x2c, 0, 4, 203, 0, 113, 80 };
	const unsigned char client[4] = { 198, 51, 100, 1 }, server[4] = { 198, 51, 100, 2 };
	unsigned client_port = 1024 + sequence % 60000, id = (sequence * 7919u) & 0xffff;
	memset(frame, 0xff, 6);
	memcpy(frame + 6, "\x02\x00\x00\x00\x00\x01", 6);
	put16(frame + 12, 0x0800);
	unsigned char *ip = frame + 14, *udp = ip + 20, *dns = udp + 8;
	size_t dns_length = 12 + sizeof question - 1 + (response ? sizeof answer : 0);
	unsigned char header[12] = { 0, 0, response ? 0x81 : 0x01, response ? 0x80 : 0x00, 0, 1, 0, (unsigned char)(response ? 1 : 0), 0, 0, 0, 0 };
	put16(header, id);
	memcpy(dns, header, sizeof header);
	memcpy(dns + 12, question, sizeof question - 1);
	if (response)
		memcpy(dns + 12 + sizeof question - 1, answer, sizeof answer);
	put16(udp, response ? 53 : client_port);
	put16(udp + 2, response ? client_port : 53);
	put16(udp + 4, (unsigned)(8 + dns_length));
	put16(udp + 6, 0); /* no checksum: allowed over IPv4 (RFC 768) */
	memset(ip, 0, 20);
	ip[0] = 0x45;
	put16(ip + 2, (unsigned)(20 + 8 + dns_length));
	put16(ip + 4, sequence & 0xffff);
	put16(ip + 6, 0x4000);
	ip[8] = 64;
	ip[9] = 17;
	memcpy(ip + 12, response ? server : client, 4);
	memcpy(ip + 16, response ? client : server, 4);
	put16(ip + 10, ipv4_checksum(ip));
	return 14 + 20 + 8 + dns_length;
}

int main(int argc, char **argv)
{
	if (argc != 5) {
		fprintf(stderr, "usage: %s IFACE pairs|queries RATE SECONDS\n", argv[0]);
		return 2;
	}
	int pairs = strcmp(argv[2], "pairs") == 0;
	long rate = strtol(argv[3], NULL, 10);
	double seconds = strtod(argv[4], NULL);
	unsigned index = if_nametoindex(argv[1]);
	if (index == 0 || (!pairs && strcmp(argv[2], "queries") != 0) || rate <= 0 || rate > MAXIMUM_RATE || seconds <= 0 || seconds > 60) {
		fprintf(stderr, "bad arguments\n");
		return 2;
	}
	int sock = socket(AF_PACKET, SOCK_RAW, 0);
	struct sockaddr_ll address = { .sll_family = AF_PACKET, .sll_ifindex = (int)index, .sll_halen = 6 };
	memset(address.sll_addr, 0xff, 6);
	if (sock < 0 || bind(sock, (struct sockaddr *)&address, sizeof address) != 0) {
		perror("packet socket");
		return 1;
	}
	int bypass = 1; /* straight to the driver: the veth, not a queueing discipline, sets the pace */
	(void)setsockopt(sock, SOL_PACKET, PACKET_QDISC_BYPASS, &bypass, sizeof bypass);

	static unsigned char frames[BATCH][FRAME_MAX];
	static struct iovec vectors[BATCH];
	static struct mmsghdr messages[BATCH];
	long total = (long)((double)rate * seconds);
	long sent = 0;
	double start = now();
	/* Bounded: ends when `total` are sent, or at twice the planned time if the kernel pushes back. */
	while (sent < total && now() - start < 2 * seconds + 1) {
		long due = (long)((now() - start) * (double)rate);
		if (due > total)
			due = total;
		if (due <= sent) {
			struct timespec pause = { 0, 50 * 1000 };
			nanosleep(&pause, NULL);
			continue;
		}
		int count = (int)(due - sent < BATCH ? due - sent : BATCH);
		for (int i = 0; i < count; i++) {
			long number = sent + i;
			int response = pairs && (number & 1);
			vectors[i].iov_base = frames[i];
			vectors[i].iov_len = dns_frame(frames[i], response, (unsigned)(pairs ? number / 2 : number));
			memset(&messages[i], 0, sizeof messages[i]);
			messages[i].msg_hdr.msg_iov = &vectors[i];
			messages[i].msg_hdr.msg_iovlen = 1;
		}
		int result = sendmmsg(sock, messages, (unsigned)count, 0);
		if (result > 0)
			sent += result;
		else {
			struct timespec pause = { 0, 100 * 1000 }; /* the device queue is full: let it drain */
			nanosleep(&pause, NULL);
		}
	}
	printf("{\"sent\":%ld,\"seconds\":%.3f}\n", sent, now() - start);
	close(sock);
	return 0;
}
