# escape=`
FROM mcr.microsoft.com/dotnet/framework/sdk:4.8 AS build
WORKDIR C:\\src
COPY . .
RUN msbuild /p:Configuration=Release `
    /p:OutputPath=C:\\out
CMD ["C:\\out\\app.exe"]
