# Sourced, not run: the JVM flags of IM/User, shared by the launcher (ucloud-im-user) and the AOT training run
# (ucloud-im aot), which must match for the AOT cache to be used. An idle instance should cost little: serial
# GC, a small heap that starts smaller, C1 only with a small code cache, compact object headers.
# ArchiveRelocationMode=0 maps the AOT cache at its preferred address instead of relocating it, so its pages
# stay clean and are shared by every instance (about 30 MiB each otherwise: measured by ./bench instances).
# The trade-off is that this read-only class metadata is not address-randomised (the JDK default before 20);
# delete the two flags to trade memory for that randomisation.
# AOTRecordTraining/AOTReplayTraining off (diagnostic, JDK 25): the cache holds classes, not the training's method
# profiles. Replaying them made C1 compile the training's hot methods during start-up, about 70 ms of CPU that
# competed with the start itself on a 2-core machine; without them a fresh instance registers about 25 ms sooner
# and serves its first request no slower (measured). If a later JDK drops these flags, delete them here.
# SweeperThreshold=50: the JVM runs a full GC to unload code each time compiled code grows by this percentage of
# the code cache; at the default 15 % (2.4 MiB of 16) that fell inside a fresh instance's first request (10 ms).
# ExitOnOutOfMemoryError: an instance out of heap (e.g. flooded by connections) exits at once instead of living on
# routed and unanswering; its route goes down with it and the next request launches a fresh one.
IM_USER_FLAGS="-XX:+ExitOnOutOfMemoryError -XX:-UsePerfData -XX:+UnlockDiagnosticVMOptions -XX:ArchiveRelocationMode=0 -XX:-AOTRecordTraining -XX:-AOTReplayTraining -XX:+UseSerialGC -Xms8m -Xmx64m -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=16m -XX:SweeperThreshold=50 -XX:+UseCompactObjectHeaders -Xss512k --enable-native-access=ALL-UNNAMED"
