package io.topline.e2e.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CPU time each process of the suite has used so far (user and system, from {@code /proc/<pid>/stat}), so that
 * a phase can say where its two cores went: what limits a throughput when the machine is saturated.
 */
final class CpuTimes {

    /** Linux's USER_HZ, the unit of /proc's CPU times, on every architecture this runs on. */
    private static final double TICKS_PER_SECOND = 100.0;

    private final Map<String, Double> seconds;

    private CpuTimes(Map<String, Double> seconds) {
        this.seconds = seconds;
    }

    /**
     * Now, by name: each named process alone, {@code server} with every process below it and the children it has
     * already reaped (PostgreSQL's backends), and this JVM as "harness".
     */
    static CpuTimes now(Map<String, Long> processes, String server, long serverPid) throws IOException {
        Map<String, Double> seconds = new LinkedHashMap<>();
        for (Map.Entry<String, Long> process : processes.entrySet()) {
            seconds.put(process.getKey(), ticks(process.getValue(), false) / TICKS_PER_SECOND);
        }
        long total = ticks(serverPid, true);
        for (ProcessHandle child : ProcessHandle.of(serverPid).map(p -> p.descendants().toList()).orElse(List.of())) {
            total += ticks(child.pid(), false);
        }
        seconds.put(server, total / TICKS_PER_SECOND);
        seconds.put("harness", ticks(ProcessHandle.current().pid(), false) / TICKS_PER_SECOND);
        return new CpuTimes(seconds);
    }

    /** One line per process: CPU seconds used since {@code before}, and the share of {@code cores} over the wall time. */
    List<String> since(CpuTimes before, double wallSeconds, int cores) {
        List<String> lines = new ArrayList<>();
        double all = 0;
        for (Map.Entry<String, Double> entry : seconds.entrySet()) {
            double used = entry.getValue() - before.seconds.getOrDefault(entry.getKey(), 0.0);
            all += used;
            lines.add(String.format("| %s | %.1f s | %.0f %% |", entry.getKey(), used,
                    100 * used / (wallSeconds * cores)));
        }
        lines.add(String.format("| **all of them** | **%.1f s** | **%.0f %%** |", all, 100 * all / (wallSeconds * cores)));
        return lines;
    }

    /** utime + stime of the process, with its reaped children's when {@code children}; 0 once it is gone. */
    private static long ticks(long pid, boolean children) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // the fields after the command name, which is in parentheses and may hold spaces
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields[0] is the state (field 3 of proc(5)): utime is field 14, stime 15, cutime 16, cstime 17
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return children ? ticks + Long.parseLong(fields[13]) + Long.parseLong(fields[14]) : ticks;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
