FROM mcr.microsoft.com/dotnet/sdk:10.0
WORKDIR /source
COPY . .
RUN dotnet publish Web.csproj -c Release -o /source/out
WORKDIR /source/out
EXPOSE 8080
ENTRYPOINT ["dotnet", "Web.dll"]
