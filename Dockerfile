# Multi-stage: build with the SDK, run on the ASP.NET runtime image.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/Bot.Host -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
# No font package: the chart font ships inside the bot, so charts look as they do everywhere else.
WORKDIR /app
COPY --from=build /app .
ENV Urls=http://0.0.0.0:8080
EXPOSE 8080
ENTRYPOINT ["dotnet", "Bot.Host.dll"]
