FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command"]
RUN Invoke-WebRequest https://example.com/tool.zip -OutFile tool.zip
CMD ["tool.exe"]
