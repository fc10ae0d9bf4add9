/* SPDX-License-Identifier: BSD-2-Clause */
/* Terminal injection (TIOCSTI, TIOCLINUX, TIOCCONS) and network
 * configuration ioctls (SIOCS*, routes, ARP, bridges, bonds...) give EPERM,
 * with any high bits in the ioctl number (the kernel reads 32 bits).
 * Harmless without the jail: the descriptor is invalid (EBADF). */
#include <linux/sockios.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>

#include "probe.h"

int main(void)
{
	static const struct {
		const char *name;
		unsigned long nr;
	} cmds[] = {
#define C(x) {#x, x}
		C(TIOCSTI), C(TIOCLINUX), C(TIOCCONS),
		C(SIOCADDRT), C(SIOCDELRT), C(SIOCRTMSG), C(SIOCSIFLINK), C(SIOCSIFFLAGS), C(SIOCSIFADDR),
		C(SIOCSIFDSTADDR), C(SIOCSIFBRDADDR), C(SIOCSIFNETMASK), C(SIOCSIFMETRIC), C(SIOCSIFMEM),
		C(SIOCSIFMTU), C(SIOCSIFNAME), {"SIOCSIFHWADDR", 0x8924}, C(SIOCSIFENCAP), C(SIOCSIFSLAVE),
		C(SIOCADDMULTI), C(SIOCDELMULTI), C(SIOCSIFPFLAGS), C(SIOCDIFADDR),
		{"SIOCSIFHWBROADCAST", 0x8937}, C(SIOCSIFBR), C(SIOCSIFTXQLEN), C(SIOCSMIIREG), C(SIOCDARP),
		C(SIOCSARP), C(SIOCDRARP), C(SIOCSRARP), C(SIOCSIFMAP), C(SIOCADDDLCI), C(SIOCDELDLCI),
		C(SIOCSIFVLAN), C(SIOCBONDENSLAVE), C(SIOCBONDRELEASE), C(SIOCBONDSETHWADDR),
		C(SIOCBONDCHANGEACTIVE), C(SIOCBRADDBR), C(SIOCBRDELBR), C(SIOCBRADDIF), C(SIOCBRDELIF),
		C(SIOCSHWTSTAMP),
#undef C
	};
	char what[96];
	for (size_t i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
		errno = 0;
		long rc = syscall(SYS_ioctl, -1, cmds[i].nr, NULL);
		snprintf(what, sizeof(what), "ioctl(%s)", cmds[i].name);
		check_result(what, rc, errno, EPERM);
#if defined(__LP64__)
		errno = 0;
		rc = syscall(SYS_ioctl, -1, (1UL << 32) | cmds[i].nr, NULL);
		snprintf(what, sizeof(what), "ioctl(1 << 32 | %s)", cmds[i].name);
		check_result(what, rc, errno, EPERM);
#endif
	}
	CHECK_ALLOWED(syscall(SYS_ioctl, -1, TCGETS, NULL), EBADF);
	CHECK_ALLOWED(syscall(SYS_ioctl, -1, SIOCGIFFLAGS, NULL), EBADF);
	checks_done("terminal injection and network configuration ioctls give EPERM");
}
