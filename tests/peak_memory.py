"""A snippet for a child process to report its own peak memory, shared by the memory test of
``compare`` and its benchmark."""

PEAK_KIB_SOURCE = """
def peak_kib():
    # Linux's VmHWM belongs to this process image; ru_maxrss also keeps a parent's peak across
    # fork and exec, so a child started from a big pytest process would report the parent's.
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
"""
