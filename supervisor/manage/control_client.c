/* SPDX-License-Identifier: BSD-2-Clause */
/* The client side of the control socket (control.h): jls, jexec, jkill and
 * jail -r. Links nothing of the tracing engine. */
#include "control.h"

#include "../confine/filter_load.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <linux/filter.h>
#include <unistd.h>

int ctl_connect(const char *path, int timeout_s)
{
	struct sockaddr_un addr = {.sun_family = AF_UNIX};
	struct ucred cr;
	socklen_t len = sizeof(cr);

	if (strlen(path) >= sizeof(addr.sun_path))
		return -ENAMETOOLONG;
	strcpy(addr.sun_path, path);
	int fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	if (connect(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0) {
		int e = -errno;
		close(fd);
		return e;
	}
	if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cr, &len) < 0 || cr.uid != geteuid()) {
		close(fd);
		return -EACCES;
	}
	if (timeout_s > 0) {
		struct timeval tv = {.tv_sec = timeout_s};
		setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	}
	return fd;
}

int ctl_send(int fd, enum ctl_op op, int32_t arg)
{
	struct ctl_request req = {.magic = CTL_MAGIC, .op = op, .arg = arg, .jail_size = sizeof(struct jail)};
	if (send(fd, &req, sizeof(req), MSG_NOSIGNAL) != (ssize_t)sizeof(req))
		return -errno;
	return 0;
}

int ctl_send_modify(int fd, const struct jail *j)
{
	static struct ctl_modify m;
	memset(&m, 0, sizeof(m));
	m.req = (struct ctl_request){.magic = CTL_MAGIC, .op = CTL_MODIFY, .jail_size = sizeof(struct jail)};
	m.jail = *j;
	if (send(fd, &m, sizeof(m), MSG_NOSIGNAL) != (ssize_t)sizeof(m))
		return -errno;
	return 0;
}

int ctl_send_listener(int fd, int lfd)
{
	struct ctl_request req = {.magic = CTL_MAGIC, .op = CTL_LISTENER, .jail_size = sizeof(struct jail)};
	struct iovec iov = {&req, sizeof(req)};
	union {
		char buf[CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} u;
	memset(&u, 0, sizeof(u));
	struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = u.buf, .msg_controllen = sizeof(u.buf)};
	struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(c), &lfd, sizeof(int));
	if (sendmsg(fd, &msg, MSG_NOSIGNAL) != (ssize_t)sizeof(req))
		return -errno;
	return 0;
}

static int recv_exact(int fd, void *buf, size_t size)
{
	ssize_t n;
	do
		n = recv(fd, buf, size, 0);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return -errno;
	if (n == 0)
		return -ECONNRESET;
	return (size_t)n == size ? 0 : -EPROTO;
}

int ctl_recv_reply(int fd, struct ctl_reply *r)
{
	int rc = recv_exact(fd, r, sizeof(*r));
	if (rc == 0 && r->magic != CTL_MAGIC)
		rc = -EPROTO;
	return rc;
}

int ctl_recv_info(int fd, struct ctl_info *info)
{
	int rc = recv_exact(fd, info, sizeof(*info));
	if (rc == 0 && info->magic != CTL_MAGIC)
		rc = -EPROTO;
	return rc;
}

int ctl_get_pids(int fd, pid_t **pids)
{
	struct ctl_reply r;
	int rc = ctl_send(fd, CTL_PIDS, 0);
	*pids = NULL;
	if (rc || (rc = ctl_recv_reply(fd, &r)))
		return rc;
	if (r.status)
		return r.status;
	if (r.value < 0)
		return -EPROTO;
	pid_t *list = malloc(((size_t)r.value + CTL_PIDS_PER_MSG) * sizeof(pid_t));
	if (!list)
		return -ENOMEM;
	int got = 0;
	while (got < r.value) {
		ssize_t n = recv(fd, list + got, CTL_PIDS_PER_MSG * sizeof(pid_t), 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0 || n % (ssize_t)sizeof(pid_t)) {
			free(list);
			return n < 0 ? -errno : -EPROTO;
		}
		got += (int)(n / (ssize_t)sizeof(pid_t));
	}
	*pids = list;
	return got;
}

static void progs_free(struct filter_progs *p)
{
	for (int i = 0; i < p->count; i++)
		free(p->prog[i]);
	memset(p, 0, sizeof(*p));
}

int ctl_get_filters(int fd, struct filter_progs *p)
{
	struct ctl_reply r;
	memset(p, 0, sizeof(*p));
	int rc = ctl_send(fd, CTL_FILTERS, 0);
	if (rc || (rc = ctl_recv_reply(fd, &r)))
		return rc;
	if (r.status)
		return r.status;
	if (r.value < 1 || r.value > FILTER_MAX)
		return -EPROTO;
	for (int i = 0; i < r.value; i++) {
		size_t max = FILTER_MAX_INSNS * sizeof(struct sock_filter);
		p->prog[i] = malloc(max + 1);
		if (!p->prog[i]) {
			progs_free(p);
			return -ENOMEM;
		}
		p->count = i + 1;
		ssize_t n;
		do
			n = recv(fd, p->prog[i], max + 1, 0);
		while (n < 0 && errno == EINTR);
		if (n <= 0 || (size_t)n > max || n % (ssize_t)sizeof(struct sock_filter)) {
			rc = n < 0 ? -errno : -EPROTO;
			progs_free(p);
			return rc;
		}
		p->len[i] = (unsigned short)(n / (ssize_t)sizeof(struct sock_filter));
	}
	return 0;
}

void ctl_wait_gone(int fd, int pidfd)
{
	char buf[64];
	if (fd >= 0) {
		while (recv(fd, buf, sizeof(buf), 0) > 0)
			;
		close(fd);
	}
	if (pidfd >= 0) {
		struct pollfd p = {.fd = pidfd, .events = POLLIN};
		poll(&p, 1, 5000);
		close(pidfd);
	}
}
