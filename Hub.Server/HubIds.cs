namespace SupportHub.Server;

public static class HubIds
{
    /// <summary>Time-ordered, so ids of one kind sort roughly by creation in every store.</summary>
    public static string New(TimeProvider time) => Guid.CreateVersion7(time.GetUtcNow()).ToString("N");
}
