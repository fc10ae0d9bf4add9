/* SPDX-License-Identifier: BSD-2-Clause */
#include "sysv_space.h"

#include <errno.h>
#include <stdlib.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>

struct sysv_object {
	int id;
	int32_t key; /* the jail's key, 0 for IPC_PRIVATE */
};

static struct {
	struct sysv_object *v;
	unsigned n, cap;
} space[SYSV_FAMILIES];

int sysv_space_find_key(enum sysv_family f, int32_t key)
{
	for (unsigned i = 0; key != IPC_PRIVATE && i < space[f].n; i++)
		if (space[f].v[i].key == key)
			return space[f].v[i].id;
	return -1;
}

bool sysv_space_owns(enum sysv_family f, int id, int32_t *key)
{
	for (unsigned i = 0; id >= 0 && i < space[f].n; i++)
		if (space[f].v[i].id == id) {
			if (key)
				*key = space[f].v[i].key;
			return true;
		}
	return false;
}

int sysv_space_add(enum sysv_family f, int id, int32_t key)
{
	sysv_space_drop(f, id); /* an id the kernel gave again is the new object */
	if (space[f].n == space[f].cap) {
		unsigned cap = space[f].cap ? space[f].cap * 2 : 16;
		struct sysv_object *v = realloc(space[f].v, cap * sizeof(*v));
		if (!v)
			return -ENOMEM;
		space[f].v = v;
		space[f].cap = cap;
	}
	space[f].v[space[f].n++] = (struct sysv_object){id, key};
	return 0;
}

void sysv_space_drop(enum sysv_family f, int id)
{
	for (unsigned i = 0; i < space[f].n; i++)
		if (space[f].v[i].id == id) {
			space[f].v[i] = space[f].v[--space[f].n];
			return;
		}
}

int sysv_space_at(enum sysv_family f, unsigned n)
{
	return n < space[f].n ? space[f].v[n].id : -1;
}

/* ipc/util.h: id = seq << 15 | index (24 with the ipcmni_extend boot
 * option: docs/sysvipc.md says what changes then). */
int sysv_id_index(int id)
{
	return id & 0x7fff;
}

void sysv_space_remove(enum sysv_family f)
{
	for (unsigned i = 0; i < space[f].n; i++) {
		int id = space[f].v[i].id;
		if (f == SYSV_MSG)
			msgctl(id, IPC_RMID, NULL);
		else if (f == SYSV_SEM)
			semctl(id, 0, IPC_RMID);
		else
			shmctl(id, IPC_RMID, NULL);
	}
	free(space[f].v);
	space[f].v = NULL;
	space[f].n = space[f].cap = 0;
}

void sysv_space_remove_all(void)
{
	for (int f = 0; f < SYSV_FAMILIES; f++)
		sysv_space_remove((enum sysv_family)f);
}
