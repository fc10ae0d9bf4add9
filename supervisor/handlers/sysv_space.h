/* SPDX-License-Identifier: BSD-2-Clause */
/* A jail's own SysV IPC key space (sysvmsg/sysvsem/sysvshm=new,
 * docs/sysvipc.md): per family, the objects the jail made (their kernel
 * ids) and the jail's key of each that has one. The kernel's objects are
 * all IPC_PRIVATE; the keys exist only here. One supervisor serves one
 * jail, and only the ptrace thread uses this table. */
#ifndef JAIL_SUPERVISOR_SYSV_SPACE_H
#define JAIL_SUPERVISOR_SYSV_SPACE_H

#include <stdbool.h>
#include <stdint.h>

enum sysv_family { SYSV_MSG, SYSV_SEM, SYSV_SHM, SYSV_FAMILIES };

/* The jail's object with key `key`, or -1. */
int sysv_space_find_key(enum sysv_family f, int32_t key);
/* Does the jail own kernel id `id`? Its key in *key (0: IPC_PRIVATE). */
bool sysv_space_owns(enum sysv_family f, int id, int32_t *key);
/* Records a new object of the jail (key 0: IPC_PRIVATE). 0 or -ENOMEM. */
int sysv_space_add(enum sysv_family f, int id, int32_t key);
/* Forgets an object (removed, or found gone). */
void sysv_space_drop(enum sysv_family f, int id);
/* The n-th object of the family (0, 1, ...), or -1 past the last. */
int sysv_space_at(enum sysv_family f, unsigned n);
/* The kernel's index of an id (the slot in its table, what *_STAT takes). */
int sysv_id_index(int id);
/* Removes every object of the family the jail still owns (IPC_RMID): when
 * jail -m takes the family's own space away; and all, at the jail's end. */
void sysv_space_remove(enum sysv_family f);
void sysv_space_remove_all(void);

#endif
