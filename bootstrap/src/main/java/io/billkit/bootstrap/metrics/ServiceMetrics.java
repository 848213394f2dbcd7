package io.billkit.bootstrap.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * The service's one Prometheus registry with Micrometer's JVM and process binders: memory
 * ({@code jvm_memory_*}), GC ({@code jvm_gc_*}), threads ({@code jvm_threads_*}), classes, JVM info, CPU
 * ({@code process_cpu_usage}, {@code process_cpu_seconds_total}, {@code system_cpu_usage},
 * {@code system_cpu_processors}), uptime ({@code process_uptime_seconds},
 * {@code process_start_time_seconds}) and file descriptors ({@code process_files_*}). The HikariCP pool
 * ({@code hikaricp_*}), the HTTP timings and the business counters ({@link BusinessMetrics}) are added to it by
 * bootstrap. {@link #close()} stops the GC listener.
 *
 * <p>Two of Micrometer's names break Prometheus' naming rules ({@code promtool check metrics}): its CPU time in
 * nanoseconds ({@code process_cpu_time_ns_total}) is replaced by {@code process_cpu_seconds_total} (the name the
 * Prometheus client libraries use), and {@code system_cpu_count} (a gauge with a {@code _count} suffix) is named
 * {@code system_cpu_processors}.
 */
public final class ServiceMetrics implements AutoCloseable {
    private final PrometheusMeterRegistry registry;
    private final JvmGcMetrics gc;

    public ServiceMetrics() {
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().meterFilter(MeterFilter.deny(id -> id.getName().equals("process.cpu.time")));
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                return id.getName().equals("system.cpu.count") ? id.withName("system.cpu.processors") : id;
            }
        });
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun && sun.getProcessCpuTime() >= 0) {
            FunctionCounter.builder("process.cpu", sun, bean -> bean.getProcessCpuTime() / 1e9)
                    .baseUnit("seconds").description("CPU time used by the process").register(registry);
        }
        new JvmMemoryMetrics().bindTo(registry);
        this.gc = new JvmGcMetrics();
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new JvmInfoMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    @Override
    public void close() {
        gc.close();
    }
}
