"""How passwords are stored: Argon2id with OWASP's recommended parameters.

Argon2id needs memory as well as time for every guess, which makes attacks on stolen
hashes with GPUs or ASICs far costlier than with PBKDF2. The OWASP Password Storage Cheat
Sheet lists equally strong Argon2id settings; we take the first -- 19 MiB of memory, two
passes, one lane -- which costs about 17 ms of CPU per check here, against about 180 ms
for PBKDF2 with Django's default 1,000,000 iterations (docs/PERFORMANCE.md). A login is
then no longer the most expensive request an app server serves.

Passwords stored with an earlier hasher still work, and are stored again with this one at
the next successful login (Django does that when the first hasher differs or its
parameters changed).
"""

from __future__ import annotations

from django.contrib.auth.hashers import Argon2PasswordHasher


class Argon2idHasher(Argon2PasswordHasher):
    memory_cost = 19 * 1024  # KiB
    time_cost = 2
    parallelism = 1
