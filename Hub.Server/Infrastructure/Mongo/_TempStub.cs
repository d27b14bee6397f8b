namespace SupportHub.Server.Infrastructure.Mongo;

// Placeholder until the MongoDB adapter lands (next commit): fails loudly instead of ignoring the setting.
public static class TempStub
{
    public static IHostApplicationBuilder AddMongo(this IHostApplicationBuilder b) =>
        throw new NotSupportedException("The MongoDB adapter is not in this build yet; remove ConnectionStrings:MongoDb.");
}
