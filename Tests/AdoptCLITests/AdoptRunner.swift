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

    init(_ handle: FileHandle) {
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

/// Ends a child process that runs too long (by its own handle, never by name).
private final class Watchdog: @unchecked Sendable {
    private let lock = NSLock()
    private var finished = false
    private(set) var fired = false
    private let process: Process

    init(_ process: Process, seconds: Double) {
        self.process = process
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds) { self.fire() }
    }

    private func fire() {
        lock.lock()
        defer { lock.unlock() }
        guard !finished, process.isRunning else { return }
        fired = true
        process.terminate()
    }

    func finish() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        finished = true
        return fired
    }
}

/// Runs `adopt args…` with `dir` as the working directory and returns everything it did.
///
/// The child runs under a virtual-memory limit (through `/bin/sh`'s `ulimit -v`, then `exec`,
/// so the child keeps the shell's process id) and is ended after `timeout` seconds, so that a
/// run that loops or grows without bound fails its test instead of stalling the suite or the machine.
func runAdoptRaw(_ args: [String], in dir: URL, timeout: Double = 60,
                 memoryLimitKB: Int = 1_500_000, standardInput: URL? = nil) throws -> AdoptRun {
    let binary = try #require(AdoptBinary.url, "cannot find the built 'adopt' next to the test bundle")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", "ulimit -v \(memoryLimitKB) 2>/dev/null; exec \"$0\" \"$@\"", binary.path] + args
    process.currentDirectoryURL = dir
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = try standardInput.map { try FileHandle(forReadingFrom: $0) } ?? FileHandle.nullDevice
    let outDrain = PipeDrain(out.fileHandleForReading)
    let errDrain = PipeDrain(err.fileHandleForReading)
    try process.run()
    // The child has its own copies of the write ends; close ours so the drains see end of file.
    try? out.fileHandleForWriting.close()
    try? err.fileHandleForWriting.close()
    let watchdog = Watchdog(process, seconds: timeout)
    let stdoutData = outDrain.wait()
    let stderrData = errDrain.wait()
    process.waitUntilExit()
    let timedOut = watchdog.finish()
    return AdoptRun(status: process.terminationStatus,
                    exitedNormally: process.terminationReason == .exit,
                    timedOut: timedOut, stdoutData: stdoutData, stderrData: stderrData)
}

/// Starts `/bin/sh -c script` in `dir`, under `timeout` (coreutils) so that it cannot outlive a
/// stalled test; the caller waits for it.
func startShell(_ script: String, in dir: URL, timeout seconds: Int = 60) throws -> Process {
    let shell = Process()
    shell.executableURL = URL(fileURLWithPath: "/bin/sh")
    shell.arguments = ["-c", "exec timeout \(seconds) /bin/sh -c \"$0\"", script]
    shell.currentDirectoryURL = dir
    try shell.run()
    return shell
}

/// Runs `executable arguments…` in `dir` (a short helper tool: no timeout) and returns its exit status
/// and standard output.
func runTool(_ executable: String, _ arguments: [String], in dir: URL) throws -> (status: Int32, stdout: Data) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.currentDirectoryURL = dir
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, data)
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
