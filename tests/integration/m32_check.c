/* SPDX-License-Identifier: BSD-2-Clause */
/* Built -m32: exits 0 where the kernel executes i386 programs
 * (run_probe_i386.sh). */
int main(void)
{
	return 0;
}
