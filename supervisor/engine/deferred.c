/* SPDX-License-Identifier: BSD-2-Clause */
#include "deferred.h"

#include <stdio.h>
#include <stdlib.h>

struct deferred {
	pid_t tid;
	int status;
};

/* a ring that grows: head is the oldest, count of them from there */
static struct deferred *ring;
static unsigned cap, head, count;

static void grow(void)
{
	unsigned ncap = cap ? cap * 2 : 64;
	struct deferred *n = malloc(ncap * sizeof(*n));
	if (!n) {
		perror("jail: malloc");
		abort(); /* fail closed: EXITKILL ends the jail */
	}
	for (unsigned i = 0; i < count; i++)
		n[i] = ring[(head + i) % cap];
	free(ring);
	ring = n;
	cap = ncap;
	head = 0;
}

void supervisor_defer_event(pid_t tid, int status)
{
	if (count == cap)
		grow();
	ring[(head + count) % cap] = (struct deferred){tid, status};
	count++;
}

bool supervisor_next_deferred(pid_t *tid, int *status)
{
	if (count == 0)
		return false;
	*tid = ring[head].tid;
	*status = ring[head].status;
	head = (head + 1) % cap;
	count--;
	return true;
}

unsigned supervisor_deferred_count(void)
{
	return count;
}
