/* SPDX-License-Identifier: BSD-2-Clause */
/* SysV IPC key spaces (docs/sysvipc.md). With no argument (run_probe.sh's
 * jail: every family disabled) each family's get gives ENOSYS, through
 * glibc (i386: the ipc(2) multiplexer). The other modes are driven by
 * scripts/sysv_new.sh:
 *   host KEY                  make a segment, a semaphore set and a queue
 *                             with KEY; print their ids
 *   jail KEY TAG SHM SEM MSG  in a jail with sysv*=new: KEY names nothing
 *                             yet; make the three; the host's ids (SHM SEM
 *                             MSG) are EINVAL everywhere; print own ids
 *   read KEY                  print the text in the segment with KEY
 *   gone SHM SEM MSG          each id is EINVAL (IPC_STAT)
 *   disabled                  sysvshm=disable sysvmsg=new: shmget ENOSYS,
 *                             msgget works
 *   forged                    a filter of the probe's own answers each get
 *                             of IPC_PRIVATE 0 without running it: the
 *                             supervisor's injected get (the jail's object
 *                             is made as IPC_PRIVATE); the probe's own get
 *                             of its key gets through: no id may be handed
 *                             out */
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/wait.h>

#include "probe.h"

#ifndef SHM_STAT_ANY
#define SHM_STAT_ANY 15
#endif
#ifndef SEM_STAT_ANY
#define SEM_STAT_ANY 20
#endif
#ifndef MSG_STAT_ANY
#define MSG_STAT_ANY 13
#endif

/* The call gives want (>= 0: that value; < 0: that -errno). */
static void expect(const char *what, long rc, long want)
{
	long got = rc < 0 ? -errno : rc;
	if (got == want)
		check_log("ok: %s\n", what);
	else {
		check_log("not ok: %s: got %ld, want %ld\n", what, got, want);
		checks_failed++;
	}
}

static void expect_ok(const char *what, long rc)
{
	if (rc >= 0)
		check_log("ok: %s\n", what);
	else {
		check_log("not ok: %s: %s\n", what, strerror(errno));
		checks_failed++;
	}
}

static int idx(int id)
{
	return id & 0x7fff;
}

static int jail_mode(key_t key, const char *tag, int hshm, int hsem, int hmsg)
{
	char buf[512];
	struct sembuf op = {0, 1, IPC_NOWAIT};
	/* the host's objects with this key do not exist here */
	expect("shmget(KEY) names no host segment", shmget(key, 0, 0), -ENOENT);
	expect("semget(KEY) names no host set", semget(key, 0, 0), -ENOENT);
	expect("msgget(KEY) names no host queue", msgget(key, 0), -ENOENT);
	/* the jail's own */
	int shm = shmget(key, 4096, IPC_CREAT | IPC_EXCL | 0600);
	int sem = semget(key, 1, IPC_CREAT | IPC_EXCL | 0600);
	int msg = msgget(key, IPC_CREAT | IPC_EXCL | 0600);
	if (shm < 0 || sem < 0 || msg < 0) {
		fputs(checks_log, stdout);
		fail("create: %s (%d %d %d)", strerror(errno), shm, sem, msg);
	}
	expect("a new segment, not the host's", shm == hshm, 0);
	expect("IPC_EXCL on the jail's key: EEXIST (shm)", shmget(key, 4096, IPC_CREAT | IPC_EXCL | 0600), -EEXIST);
	expect("IPC_EXCL on the jail's key: EEXIST (sem)", semget(key, 1, IPC_CREAT | IPC_EXCL | 0600), -EEXIST);
	expect("IPC_EXCL on the jail's key: EEXIST (msg)", msgget(key, IPC_CREAT | IPC_EXCL | 0600), -EEXIST);
	expect("the key again: the same segment", shmget(key, 0, 0), shm);
	expect("the key again: the same set", semget(key, 0, 0), sem);
	expect("the key again: the same queue", msgget(key, 0), msg);
	expect("a larger size than the segment's: EINVAL", shmget(key, 8192, 0), -EINVAL);
	expect("more semaphores than the set's: EINVAL", semget(key, 2, 0), -EINVAL);
	struct shmid_ds sds;
	struct semid_ds ssd;
	struct msqid_ds mds;
	expect_ok("IPC_STAT (shm)", shmctl(shm, IPC_STAT, &sds));
	expect("IPC_STAT shows the jail's key (shm)", sds.shm_perm.__key, key);
	expect_ok("IPC_STAT (sem)", semctl(sem, 0, IPC_STAT, &ssd));
	expect("IPC_STAT shows the jail's key (sem)", ssd.sem_perm.__key, key);
	expect_ok("IPC_STAT (msg)", msgctl(msg, IPC_STAT, &mds));
	expect("IPC_STAT shows the jail's key (msg)", mds.msg_perm.__key, key);
	/* the host's ids */
	expect("shmat(host id): EINVAL", (long)shmat(hshm, NULL, SHM_RDONLY), -EINVAL);
	expect("shmctl(host id, IPC_STAT): EINVAL", shmctl(hshm, IPC_STAT, &sds), -EINVAL);
	expect("shmctl(host id, IPC_RMID): EINVAL", shmctl(hshm, IPC_RMID, NULL), -EINVAL);
	expect("semctl(host id, GETVAL): EINVAL", semctl(hsem, 0, GETVAL), -EINVAL);
	expect("semop(host id): EINVAL", semop(hsem, &op, 1), -EINVAL);
	expect("msgsnd(host id): EINVAL", msgsnd(hmsg, buf, 1, IPC_NOWAIT), -EINVAL);
	expect("msgrcv(host id): EINVAL", msgrcv(hmsg, buf, sizeof(buf) - 8, 0, IPC_NOWAIT), -EINVAL);
	expect("msgctl(host id, IPC_STAT): EINVAL", msgctl(hmsg, IPC_STAT, &mds), -EINVAL);
	/* the kernel's table by index */
	expect("SHM_STAT at the host's index: EINVAL", shmctl(idx(hshm), SHM_STAT, &sds), -EINVAL);
	expect("SHM_STAT_ANY at the host's index: EINVAL", shmctl(idx(hshm), SHM_STAT_ANY, &sds), -EINVAL);
	expect("SEM_STAT at the host's index: EINVAL", semctl(idx(hsem), 0, SEM_STAT, &ssd), -EINVAL);
	expect("MSG_STAT at the host's index: EINVAL", msgctl(idx(hmsg), MSG_STAT, &mds), -EINVAL);
	expect("SHM_STAT at the jail's index: its id", shmctl(idx(shm), SHM_STAT, &sds), shm);
	expect("SHM_STAT shows the jail's key", sds.shm_perm.__key, key);
	struct shm_info si;
	expect("SHM_INFO: the jail's highest index", shmctl(0, SHM_INFO, (struct shmid_ds *)&si), idx(shm));
	expect("SHM_INFO: the jail's one segment", si.used_ids, 1);
	struct seminfo sei;
	expect("SEM_INFO: the jail's highest index", semctl(0, 0, SEM_INFO, &sei), idx(sem));
	expect("SEM_INFO: the jail's one set", sei.semusz, 1);
	/* using them */
	char *p = shmat(shm, NULL, 0);
	if (p == (void *)-1)
		fail("shmat: %s", strerror(errno));
	snprintf(p, 64, "%s", tag);
	shmdt(p);
	expect_ok("semop on the jail's set", semop(sem, &op, 1));
	expect("semctl GETVAL", semctl(sem, 0, GETVAL), 1);
	struct {
		long type;
		char text[16];
	} m = {1, "hello"}, r;
	expect_ok("msgsnd to the jail's queue", msgsnd(msg, &m, sizeof(m.text), IPC_NOWAIT));
	expect("msgrcv from it", msgrcv(msg, &r, sizeof(r.text), 0, IPC_NOWAIT), sizeof(r.text));
	/* eight processes create one new key at once: one segment */
	int pipefd[2];
	if (pipe(pipefd))
		fail("pipe: %s", strerror(errno));
	for (int i = 0; i < 8; i++)
		if (fork() == 0) {
			int got = shmget(key + 1, 4096, IPC_CREAT | 0600);
			_exit(write(pipefd[1], &got, sizeof(got)) == sizeof(got) ? 0 : 1);
		}
	int first = -2, same = 1;
	for (int i = 0; i < 8; i++) {
		int got = -3;
		if (read(pipefd[0], &got, sizeof(got)) != sizeof(got) || got < 0 || (first != -2 && got != first))
			same = 0;
		first = got;
	}
	while (wait(NULL) > 0) {
	}
	expect("eight creators of one key: one segment", same, 1);
	expect_ok("IPC_RMID of it", shmctl(first, IPC_RMID, NULL));
	/* IPC_PRIVATE, removed: its id is no longer the jail's */
	int priv = shmget(IPC_PRIVATE, 4096, 0600);
	expect_ok("IPC_PRIVATE segment", priv);
	expect_ok("IPC_RMID of it", shmctl(priv, IPC_RMID, NULL));
	expect("its id after IPC_RMID: EINVAL", shmctl(priv, IPC_STAT, &sds), -EINVAL);
	if (checks_failed) {
		fputs(checks_log, stdout);
		return 1;
	}
	printf("PASS %d %d %d\n", shm, sem, msg);
	return 0;
}

int main(int argc, char **argv)
{
	const key_t probe_key = 0x4a61694c; /* "JaiL" */
	if (argc == 1) {
		CHECK_DENIED(shmget(probe_key, 0, 0), ENOSYS);
		CHECK_DENIED(semget(probe_key, 0, 0), ENOSYS);
		CHECK_DENIED(msgget(probe_key, 0), ENOSYS);
		checks_done("every SysV family is disabled: ENOSYS");
	}
	const char *mode = argv[1];
	if (strcmp(mode, "host") == 0 && argc == 3) {
		key_t key = (key_t)strtol(argv[2], NULL, 0);
		int shm = shmget(key, 4096, IPC_CREAT | 0600), sem = semget(key, 1, IPC_CREAT | 0600),
		    msg = msgget(key, IPC_CREAT | 0600);
		char *p = shm >= 0 ? shmat(shm, NULL, 0) : (void *)-1;
		if (p == (void *)-1 || sem < 0 || msg < 0)
			fail("host objects: %s", strerror(errno));
		strcpy(p, "host");
		printf("%d %d %d\n", shm, sem, msg);
		return 0;
	}
	if (strcmp(mode, "jail") == 0 && argc == 7)
		return jail_mode((key_t)strtol(argv[2], NULL, 0), argv[3], atoi(argv[4]), atoi(argv[5]), atoi(argv[6]));
	if (strcmp(mode, "read") == 0 && argc == 3) {
		int shm = shmget((key_t)strtol(argv[2], NULL, 0), 0, 0);
		char *p = shm >= 0 ? shmat(shm, NULL, SHM_RDONLY) : (void *)-1;
		if (p == (void *)-1)
			fail("read: %s", strerror(errno));
		printf("%.63s\n", p);
		return 0;
	}
	if (strcmp(mode, "gone") == 0 && argc == 5) {
		struct shmid_ds sds;
		struct semid_ds ssd;
		struct msqid_ds mds;
		expect("segment removed", shmctl(atoi(argv[2]), IPC_STAT, &sds), -EINVAL);
		expect("semaphore set removed", semctl(atoi(argv[3]), 0, IPC_STAT, &ssd), -EINVAL);
		expect("queue removed", msgctl(atoi(argv[4]), IPC_STAT, &mds), -EINVAL);
		checks_done("the jail's objects are gone");
	}
	if (strcmp(mode, "disabled") == 0) {
		CHECK_DENIED(shmget(probe_key, 0, 0), ENOSYS);
		int q = msgget(IPC_PRIVATE, 0600);
		CHECK_ALLOWED(q, 0);
		if (q >= 0)
			msgctl(q, IPC_RMID, NULL);
		checks_done("sysvshm=disable: ENOSYS; sysvmsg=new works");
	}
	if (strcmp(mode, "forged") == 0) {
		struct sock_filter insn[] = {
			BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
			BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_shmget, 3, 0),
			BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_semget, 2, 0),
			BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_msgget, 1, 0),
			BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
			BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, args[0])),
			BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, IPC_PRIVATE, 0, 1),
			BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | 0),
			BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
		};
		struct sock_fprog prog = {.len = sizeof(insn) / sizeof(insn[0]), .filter = insn};
		if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) || syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog))
			fail("own filter: %s", strerror(errno));
		/* outside a jail the kernel makes the objects: the probe fails */
		/* (nothing is removed: an id the jail took for its own might be
		 * the host's object 0; the jail's own objects go with it) */
		CHECK_DENIED(shmget(probe_key, 4096, IPC_CREAT | 0600), ENOSPC);
		CHECK_DENIED(semget(probe_key, 1, IPC_CREAT | 0600), ENOSPC);
		CHECK_DENIED(msgget(probe_key, IPC_CREAT | 0600), ENOSPC);
		checks_done("a forged id 0 from the probe's own filter is not the jail's: ENOSPC");
	}
	fail("usage: sysv_space [host KEY | jail KEY TAG SHM SEM MSG | read KEY | gone SHM SEM MSG | disabled | forged]");
}
