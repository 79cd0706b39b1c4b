import Dispatch
import Foundation
import Testing

/// What one run of the built `adopt` binary did.
struct AdoptRun: Sendable {
    var status: Int32
    /// False when the process died of a signal (a crash), whatever `status` says.
    var exitedNormally: Bool
    var timedOut: Bool
    var stdoutData: Data
    var stderrData: Data

    var stdout: String { String(decoding: stdoutData, as: UTF8.self) }
    var stderr: String { String(decoding: stderrData, as: UTF8.self) }
}

/// The `adopt` executable built next to this test bundle.
enum AdoptBinary {
    /// Where SwiftPM puts products: the folder holding the `.xctest` bundle (Linux: an
    /// executable file; macOS: a bundle folder), so `adopt` is beside it or one level up.
    static let url: URL? = {
        var folders: [URL] = []
        let argv0 = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
        folders.append(argv0.deletingLastPathComponent())
        folders.append(Bundle.main.bundleURL)
        folders.append(Bundle.main.bundleURL.deletingLastPathComponent())
        for bundle in Bundle.allBundles where bundle.bundleURL.pathExtension == "xctest" {
            folders.append(bundle.bundleURL.deletingLastPathComponent())
        }
        for folder in folders {
            for candidate in [folder, folder.deletingLastPathComponent()] {
                let path = candidate.appendingPathComponent("adopt").path
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
                   FileManager.default.isExecutableFile(atPath: path) {
                    return URL(fileURLWithPath: path)
                }
            }
        }
        return nil
    }()
}

/// Collects a pipe's bytes on another thread, so that neither pipe can fill up and block the child.
private final class PipeDrain: @unchecked Sendable {
    private let lock = NSLock()
    private var collected = Data()
    private let done = DispatchGroup()

    init(_ fd: Int32) {
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        done.enter()
        DispatchQueue.global().async {
            let data = handle.readDataToEndOfFile()
            self.lock.lock()
            self.collected = data
            self.lock.unlock()
            self.done.leave()
        }
    }

    func wait() -> Data {
        done.wait()
        lock.lock()
        defer { lock.unlock() }
        return collected
    }
}

/// A child process started by `posix_spawn`, not Foundation's `Process`, whose `run()` on Linux reads past
/// a buffer while it lists `/proc/self/fd` and now and then crashes the process that starts it: the test
/// run itself (swift-corelibs-foundation pull request 5472, in Swift 6.3.1). The child starts in `dir`,
/// with the given descriptors as its standard input, output and error (nil: the test run's own), every
/// other descriptor closed, so that no child holds another's pipe open, no signal blocked and every signal's
/// action the default: the test runner's threads block SIGTERM, and a child inherits the mask of the thread
/// that starts it, so that the timeout's SIGTERM would otherwise not end it.
final class Child: @unchecked Sendable {
    let pid: pid_t
    private let lock = NSLock()
    private var exited = false
    private(set) var fired = false
    private var waitStatus: Int32 = 0

    private typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32
    private typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    // glibc's extensions (2.29, 2.34), which the Glibc module does not declare.
    private static let addChdir = dlsym(nil, "posix_spawn_file_actions_addchdir_np").map { unsafeBitCast($0, to: AddChdir.self) }
    private static let addCloseFrom = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np").map { unsafeBitCast($0, to: AddCloseFrom.self) }

    struct SpawnError: Error, CustomStringConvertible {
        let code: Int32
        var description: String { "starting a child: \(String(cString: strerror(code)))" }
    }

    init(_ executable: String, _ arguments: [String], in dir: URL, environment: [String: String]? = nil,
         stdin: Int32? = nil, stdout: Int32? = nil, stderr: Int32? = nil) throws {
        let addChdir = try #require(Self.addChdir), addCloseFrom = try #require(Self.addCloseFrom)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        _ = dir.path.withCString { addChdir(&actions, $0) }
        for (fd, target) in [(stdin, Int32(0)), (stdout, 1), (stderr, 2)] {
            if let fd { posix_spawn_file_actions_adddup2(&actions, fd, target) }
        }
        _ = addCloseFrom(&actions, 3)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for a in argv { free(a) } }
        let envp = environment.map { $0.map { strdup("\($0.key)=\($0.value)") } + [nil] }
        defer { for e in envp ?? [] { free(e) } }
        var pid: pid_t = 0
        let code = argv.withUnsafeBufferPointer { argv in
            let argv = UnsafeMutablePointer(mutating: argv.baseAddress!)
            if let envp {
                return envp.withUnsafeBufferPointer {
                    posix_spawn(&pid, executable, &actions, &attributes, argv, UnsafeMutablePointer(mutating: $0.baseAddress!))
                }
            }
            return posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
        }
        guard code == 0 else { throw SpawnError(code: code) }
        self.pid = pid
    }

    /// Waits for the child to end: its exit status, or the signal that ended it.
    @discardableResult
    func waitUntilExit() -> (status: Int32, exitedNormally: Bool) {
        // Seen ended but not yet reaped, so that `terminate` cannot signal a process that reuses the id.
        var info = siginfo_t()
        while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) != 0 && errno == EINTR {}
        lock.lock()
        if !exited {
            exited = true
            var status: Int32 = 0
            while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
            waitStatus = status
        }
        let status = waitStatus
        lock.unlock()
        // WIFEXITED: no signal in the low seven bits; WEXITSTATUS, WTERMSIG.
        let signal = status & 0x7f
        return signal == 0 ? ((status >> 8) & 0xff, true) : (signal, false)
    }

    var terminationStatus: Int32 { waitUntilExit().status }

    /// Whether the child has ended, without waiting for it (nor reaping it).
    var hasExited: Bool {
        lock.lock()
        defer { lock.unlock() }
        if exited { return true }
        // Zeroed, the record stays so where no child has ended (Linux fills it, SIGCHLD first, where one has).
        var info = siginfo_t()
        return waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info.si_signo == SIGCHLD
    }

    /// SIGTERM, unless the child has ended.
    func terminate() {
        lock.lock()
        defer { lock.unlock() }
        guard !exited else { return }
        fired = true
        kill(pid, SIGTERM)
    }

    /// Ends the child with SIGTERM after `seconds`, unless it has ended.
    func terminate(after seconds: Double) {
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds) { [self] in terminate() }
    }
}

/// A pipe's two ends, read end first.
func makePipe() throws -> (read: Int32, write: Int32) {
    var fds: [Int32] = [0, 0]
    try #require(pipe(&fds) == 0, "pipe: \(String(cString: strerror(errno)))")
    return (fds[0], fds[1])
}

/// Runs `adopt args…` with `dir` as the working directory and returns everything it did.
///
/// The child runs under a virtual-memory limit (through `/bin/sh`'s `ulimit -v`, then `exec`,
/// so the child keeps the shell's process id) and is ended after `timeout` seconds, so that a
/// run that loops or grows without bound fails its test instead of stalling the suite or the machine.
func runAdoptRaw(_ args: [String], in dir: URL, timeout: Double = 60,
                 memoryLimitKB: Int = 1_500_000, standardInput: URL? = nil) throws -> AdoptRun {
    let binary = try #require(AdoptBinary.url, "cannot find the built 'adopt' next to the test bundle")
    let out = try makePipe()
    let err: (read: Int32, write: Int32)
    do { err = try makePipe() } catch { close(out.read); close(out.write); throw error }
    let input = standardInput.map { open($0.path, O_RDONLY) } ?? open("/dev/null", O_RDONLY)
    guard input >= 0 else {
        for fd in [out.read, out.write, err.read, err.write] { close(fd) }
        throw Child.SpawnError(code: errno)
    }
    let child: Child
    do {
        defer { close(input); close(out.write); close(err.write) }
        child = try Child("/bin/sh", ["-c", "ulimit -v \(memoryLimitKB) 2>/dev/null; exec \"$0\" \"$@\"", binary.path] + args,
                          in: dir, stdin: input, stdout: out.write, stderr: err.write)
    } catch {
        close(out.read)
        close(err.read)
        throw error
    }
    // The child has its own copies of the write ends, and ours are closed: the drains see end of file when it ends.
    let outDrain = PipeDrain(out.read)
    let errDrain = PipeDrain(err.read)
    child.terminate(after: timeout)
    let stdoutData = outDrain.wait()
    let stderrData = errDrain.wait()
    let (status, exitedNormally) = child.waitUntilExit()
    return AdoptRun(status: status, exitedNormally: exitedNormally, timedOut: child.fired,
                    stdoutData: stdoutData, stderrData: stderrData)
}

/// Starts `/bin/sh -c script` in `dir`, under `timeout` (coreutils) so that it cannot outlive a
/// stalled test; the caller waits for it.
func startShell(_ script: String, in dir: URL, timeout seconds: Int = 60) throws -> Child {
    try Child("/bin/sh", ["-c", "exec timeout \(seconds) /bin/sh -c \"$0\"", script], in: dir)
}

/// Runs `executable arguments…` in `dir` (a short helper tool: no timeout) and returns its exit status
/// and standard output.
func runTool(_ executable: String, _ arguments: [String], in dir: URL) throws -> (status: Int32, stdout: Data) {
    let out = try makePipe()
    let child: Child
    do {
        defer { close(out.write) }
        child = try Child(executable, arguments, in: dir, stdout: out.write)
    } catch {
        close(out.read)
        throw error
    }
    let data = PipeDrain(out.read).wait()
    return (child.waitUntilExit().status, data)
}

/// Runs `adopt args…` in `dir`: exit status and both streams as text.
func runAdopt(_ args: [String], in dir: URL, timeout: Double = 60) throws
    -> (status: Int32, stdout: String, stderr: String) {
    let run = try runAdoptRaw(args, in: dir, timeout: timeout)
    #expect(run.exitedNormally, "adopt \(args) was killed by signal \(run.status)")
    #expect(!run.timedOut, "adopt \(args) timed out")
    return (run.status, run.stdout, run.stderr)
}

/// Writes `bytes` to `name` inside `dir`.
@discardableResult
func write(_ bytes: [UInt8], to name: String, in dir: URL) throws -> URL {
    let url = dir.appendingPathComponent(name)
    try Data(bytes).write(to: url)
    return url
}

@discardableResult
func write(_ text: String, to name: String, in dir: URL) throws -> URL {
    try write(Array(text.utf8), to: name, in: dir)
}

/// Every path under `dir`, relative and sorted (to notice files a run left behind).
func listing(_ dir: URL) -> [String] {
    let root = dir.standardizedFileURL.resolvingSymlinksInPath().path
    let names = FileManager.default.enumerator(atPath: root)?.allObjects as? [String] ?? []
    return names.sorted()
}

/// The lines of a stream's text; a trailing newline does not make an extra line.
func lines(_ text: String) -> [Substring] {
    var parts = text.split(separator: "\n", omittingEmptySubsequences: false)
    if parts.last == "" { parts.removeLast() }
    return parts
}

/// A report without the line recording the command that made it (JSON's `"command"`, CSV's
/// `# made by:`, Markdown's `Made by`), which names every option given.
func droppingCommand(_ data: Data) -> Data {
    let text = String(decoding: data, as: UTF8.self)
    let kept = text.split(separator: "\n", omittingEmptySubsequences: false).filter {
        !$0.trimmingCharacters(in: .whitespaces).hasPrefix("\"command\"") && !$0.hasPrefix("# made by: ")
            && !$0.hasPrefix("Made by `")
    }
    return Data(kept.joined(separator: "\n").utf8)
}

/// Where two texts first differ, by line ("line N: …", the line of `got`, or "(ends)" where it is
/// shorter), or nil where they are the same: a failure message that Swift Testing need not build by
/// describing two long texts' difference, which takes it minutes.
func firstDifference(_ got: Data, _ expected: Data) -> String? {
    let (a, b) = (lines(String(decoding: got, as: UTF8.self)), lines(String(decoding: expected, as: UTF8.self)))
    let shorter = min(a.count, b.count)
    guard let i = (0..<shorter).first(where: { a[$0] != b[$0] }) ?? (a.count == b.count ? nil : shorter) else { return nil }
    return "line \(i + 1): " + (a.indices.contains(i) ? String(a[i]) : "(ends)")
}
