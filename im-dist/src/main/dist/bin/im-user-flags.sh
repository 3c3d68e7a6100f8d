# Sourced, not run: the JVM flags of IM/User, shared by the launcher (ucloud-im-user) and the AOT training run
# (ucloud-im aot), which must match for the AOT cache to be used. Small heap and serial GC: an idle instance
# should cost little; C1 only: instances are short-lived.
IM_USER_FLAGS="-XX:+UseSerialGC -Xms8m -Xmx64m -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=16m -XX:+UseCompactObjectHeaders -Xss512k --enable-native-access=ALL-UNNAMED"
