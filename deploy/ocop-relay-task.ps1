# Windows: run the OCOP relay at start-up as a scheduled task (no extra software).
# Run once in an elevated PowerShell, after adjusting the paths:
#   powershell -ExecutionPolicy Bypass -File deploy\ocop-relay-task.ps1
# Log: D:\ocop-relay\relay.log. Stop: Stop-ScheduledTask -TaskName "OCOP relay".
$App  = "C:\ocop-desktop"
$Data = "D:\ocop-relay"
$Args = "-m ocop_desktop relay serve --data $Data --host 0.0.0.0 --port 8443 " +
        "--tls-cert $Data\tls\relay.crt --tls-key $Data\tls\relay.key"
New-Item -ItemType Directory -Force -Path $Data | Out-Null
icacls $Data /grant "NETWORK SERVICE:(OI)(CI)M" | Out-Null   # the relay writes its index, bundles and log here
$Action   = New-ScheduledTaskAction -Execute "$App\.venv\Scripts\python.exe" -Argument $Args -WorkingDirectory $App
$Trigger  = New-ScheduledTaskTrigger -AtStartup
$Settings = New-ScheduledTaskSettingsSet -RestartCount 999 -RestartInterval (New-TimeSpan -Minutes 1) `
            -ExecutionTimeLimit ([TimeSpan]::Zero) -StartWhenAvailable
Register-ScheduledTask -TaskName "OCOP relay" -Action $Action -Trigger $Trigger -Settings $Settings `
    -User "NT AUTHORITY\NETWORK SERVICE" -RunLevel Limited -Force
New-NetFirewallRule -DisplayName "OCOP relay 8443" -Direction Inbound -Protocol TCP -LocalPort 8443 -Action Allow
Start-ScheduledTask -TaskName "OCOP relay"
