using System.Globalization;

namespace SupportHub.Server.Features.Chat;

public static class MessageIds
{
    /// <summary>The zero padding keeps string order equal to seq order.</summary>
    public static string For(string conversationId, long seq) =>
        string.Create(CultureInfo.InvariantCulture, $"{conversationId}:{seq:D12}");
}
