namespace SupportHub.Server.Infrastructure.LiteDb;

/// <summary>
/// One of LiteDB's two files (data and log), opened by Hub rather than by LiteDB so that Hub can
/// fsync it. LiteDB reads and writes it through its <c>ConcurrentStream</c> wrapper, which locks on
/// this object around every seek plus read or write. The file is opened unbuffered: every write is a
/// write(2) at once, so <see cref="FlushToDisk"/> needs no lock and can run beside LiteDB's writes.
/// </summary>
internal sealed class SyncedFile : Stream
{
    private readonly FileStream file;

    public SyncedFile(string path)
    {
        Path = path;
        // FileShare.None takes an exclusive lock, as LiteDB's own direct mode does: one process per file.
        file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 0, FileOptions.RandomAccess);
    }

    public string Path { get; }

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => true;

    public override long Length => file.Length;

    public override long Position
    {
        get => file.Position;
        set => file.Position = value;
    }

    /// <summary>fsync(2): everything written to the file so far, by any thread, is on disk when it returns.</summary>
    public void FlushToDisk() => file.Flush(flushToDisk: true);

    /// <summary>
    /// LiteDB calls Flush() where it means "on disk": after writing a new file's header and after a
    /// checkpoint copies the log into the data file, before it empties the log. So Flush() is an fsync.
    /// </summary>
    public override void Flush() => FlushToDisk();

    public override int Read(byte[] buffer, int offset, int count) => file.Read(buffer, offset, count);

    public override long Seek(long offset, SeekOrigin origin) => file.Seek(offset, origin);

    public override void SetLength(long value) => file.SetLength(value);

    public override void Write(byte[] buffer, int offset, int count) => file.Write(buffer, offset, count);

    /// <summary>Closes the file. Only the owner calls this; see <see cref="Dispose(bool)"/>.</summary>
    public void Release(bool deleteIfEmpty)
    {
        var empty = file.Length == 0;
        file.Dispose();
        if (deleteIfEmpty && empty)
        {
            File.Delete(Path);
        }
    }

    /// <summary>
    /// LiteDB disposes a wrapper of this stream after marking a file for rebuild on a failed close;
    /// the file stays open until its owner closes it.
    /// </summary>
    protected override void Dispose(bool disposing) => base.Dispose(disposing);
}
