/* SPDX-License-Identifier: BSD-2-Clause */
/* Which threads share an address space, and so a scratch area (its
 * bookkeeping; scratch.c maps the area and writes to it). */
#include "addr_space.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "tracee.h"

static struct addr_space *space_new(uint64_t base)
{
	struct addr_space *as = calloc(1, sizeof(*as));
	if (!as) {
		perror("jail: calloc");
		abort(); /* fail closed */
	}
	as->refs = 1;
	as->base = base;
	as->mem_fd = -1;
	return as;
}

static void space_put(struct addr_space *as)
{
	if (--as->refs > 0)
		return;
	if (as->mem_fd >= 0)
		close(as->mem_fd);
	free(as);
}

void scratch_detach(struct tracee *t)
{
	if (!t->as)
		return;
	if (t->slot >= 0) {
		t->as->slot_used[t->slot] = 0;
		t->as->used--;
		t->slot = -1;
	}
	space_put(t->as);
	t->as = NULL;
}

void scratch_new_space(struct tracee *t)
{
	scratch_detach(t);
	t->as = space_new(0);
}

void scratch_inherit(struct tracee *child, struct tracee *parent, int shares_vm)
{
	scratch_detach(child);
	if (!parent->as) {
		child->as = space_new(0);
	} else if (shares_vm) {
		child->as = parent->as;
		child->as->refs++;
	} else {
		child->as = space_new(parent->as->base); /* fork copies the sealed area */
	}
}

bool scratch_ready(const struct tracee *t)
{
	return t->as && t->as->base;
}
