namespace SupportHub.Server.Features.Chat;

/// <param name="Message">The stored message: the new one, or the first one with the same client id.</param>
/// <param name="Duplicate">True when the client id had been stored before and nothing was written.</param>
public sealed record AppendResult(ChatMessage Message, bool Duplicate);
