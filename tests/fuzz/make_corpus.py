#!/usr/bin/python3
"""Writes the seed corpus in tests/fuzz/corpus/<harness>/ (run once by hand
after changing it; the files are checked in). Small, real-looking inputs:
what printers, scanners and scripts actually send, plus the hostile
variants the security tests use. The data_reader and server_protocol
harnesses take 4 header octets first (see their sources)."""
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def write(harness, name, data):
    d = os.path.join(HERE, "corpus", harness)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())


# --- command_parser ---------------------------------------------------------
write("command_parser", "session", "EHLO printer-01.lan\r\nMAIL FROM:<scan@office.test> SIZE=1234\r\n"
      "RCPT TO:<boss@example.com>\r\nDATA\r\nQUIT\r\n")
write("command_parser", "bdat", "BDAT 1000\r\nBDAT 0 LAST\r\nBDAT 99999999999999999999\r\nBDAT 12 last\r\n")
write("command_parser", "auth", "AUTH PLAIN AGFsaWNlAHNlY3JldA==\r\nAUTH LOGIN\r\nAUTH CRAM-MD5 =\r\n"
      "AUTH PLAIN a b\r\n")
write("command_parser", "helo", "HELO PRINTER_01\r\nEHLO [192.0.2.1]\r\nEHLO bad(name)\r\nHELO\r\n")
write("command_parser", "controls", b"NOOP \x00\r\nRSET\rMAIL\r\nVRFY\tx \t\r\nX\x1b[1m\r\n")

# --- address_parser ---------------------------------------------------------
write("address_parser", "mail", "FROM:<scan@office.test> SIZE=1234 BODY=8BITMIME\nFROM:<>\n"
      "FROM: <old@printer.test>\nFROM:<a@b> RET=HDRS ENVID=QQ314159\n")
write("address_parser", "rcpt", "TO:<boss@example.com> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;boss@example.com\n"
      "TO:<Postmaster>\nTO:<>\nTO:<x@[192.0.2.1]>\nTO:<x@[IPv6:2001:db8::1]>\n")
write("address_parser", "openrelay", "TO:<victim%evil.test@relay.test>\nTO:<evil.test!victim@relay.test>\n"
      "TO:<@relay.test,@hop.test:victim@evil.test>\nTO:<\"victim@evil.test\"@relay.test>\n"
      "TO:<\"a\\\"b>\"@x.test>\n")
write("address_parser", "utf8", "8TO:<j\xc3\xb6rg@b\xc3\xbcro.test>\nFROM:<\xc3\xa9@x.test> SMTPUTF8\n"
      "8TO:<\xff@x.test>\n".encode("latin-1"))
write("address_parser", "bare", "user@example.com\nexample.com\n[tag:content]\n\"q u\"@d.test\n")

# --- data_reader (header: mode/limit, max piece, seed) -------------------------
msg = b"From: scan@office.test\r\nSubject: Scan\r\n\r\nPage 1\r\n..dot line\r\n.\r\n"
write("data_reader", "data", b"\x08\x10\x12\x34" + msg)
write("data_reader", "bdat", b"\x09\x07\x00\x01" + msg)
write("data_reader", "smuggle_lf", b"\x0a\x03\xab\xcd" + b"body\n.\nMAIL FROM:<e@x>\r\n.\r\n")
write("data_reader", "smuggle_cr", b"\x08\x01\x00\x02" + b"body\r.\r\nx\r\n.\r\r\n\n.\r\n.\r\n")
write("data_reader", "long_line", b"\x0c\xff\x11\x11" + b"x" * 2100 + b"\r\n.\r\n")
write("data_reader", "over_limit", b"\x02\x20\x55\x55" + b"0123456789\r\n" * 3 + b".\r\n")

# --- server_protocol (header: flags, max piece, seed) -------------------------
session = (b"EHLO printer.lan\r\nMAIL FROM:<scan@office.test>\r\nRCPT TO:<boss@example.com>\r\n"
           b"DATA\r\nSubject: scan\r\n\r\nhello\r\n.\r\nQUIT\r\n")
write("server_protocol", "relay", b"\x01\x40\x00\x07" + session)
write("server_protocol", "pipelined", b"\x01\xff\x00\x01" + session.replace(b"\r\n", b"\r\n"))
write("server_protocol", "auth_plain", b"\x1a\x20\x12\x12" + b"EHLO app.lan\r\nSTARTTLS\r\nEHLO app.lan\r\n"
      b"AUTH PLAIN AGFsaWNlAHNlY3JldA==\r\nMAIL FROM:<app@office.test>\r\nRCPT TO:<x@example.com>\r\n"
      b"BDAT 12 LAST\r\nSubject: x\r\n\r\nQUIT\r\n")
write("server_protocol", "auth_login_fail", b"\x0c\x08\x99\x01" + b"EHLO app.lan\r\nAUTH LOGIN\r\nYWxpY2U=\r\n"
      b"d3Jvbmc=\r\nMAIL FROM:<a@b.test>\r\nRCPT TO:<c@d.test>\r\nQUIT\r\n")
write("server_protocol", "open_relay", b"\x00\x10\x00\x03" + b"HELO x\r\nMAIL FROM:<s@evil.test>\r\n"
      b"RCPT TO:<victim%evil.test@relay.test>\r\nRCPT TO:<@a,@b:v@c.test>\r\nDATA\r\n.\r\n")
write("server_protocol", "starttls_inject", b"\x03\x80\x00\x05" + b"EHLO x\r\nSTARTTLS\r\nMAIL FROM:<i@evil.test>\r\n"
      b"RCPT TO:<v@x.test>\r\n")
write("server_protocol", "bdat_chunks", b"\x01\x05\x43\x21" + b"EHLO x\r\nMAIL FROM:<a@b.test>\r\n"
      b"RCPT TO:<c@d.test>\r\nBDAT 5\r\nhel\r\nBDAT 4\r\nlo\n\rBDAT 0 LAST\r\nRSET\r\nBDAT x\r\n")
write("server_protocol", "smuggle", b"\x81\x09\x00\x09" + b"EHLO x\r\nMAIL FROM:<a@b.test>\r\nRCPT TO:<c@d.test>\r\n"
      b"DATA\r\nbody\n.\nMAIL FROM:<e@x.test>\r\nRCPT TO:<v@x.test>\r\nDATA\r\nevil\r\n.\r\nNOOP\r\n")

# --- config_loader ------------------------------------------------------------
write("config_loader", "minimal", "[general]\nhostname = relay.office.test\n\n[relay]\n"
      "allowed-networks = 192.168.1.0/24, 10.0.0.0/8\n")
write("config_loader", "smarthost", "[smarthost]\nhost = smtp.example.com\nport = 587\ntls = starttls\n"
      "username = relay@example.com\npassword-ref = keychain:smarthost\n\n[limits]\n"
      "max-message-size = 26214400\nmax-recipients = 50\ncommand-timeout = 300\n")
write("config_loader", "listeners", "[listener.lan]\naddress = 192.168.1.5\nport = 25\n\n"
      "[listener.submission]\naddress = 0.0.0.0\nport = 587\nrequire-auth = true\n")
write("config_loader", "routes", "[smarthost.ses]\npreset = ses\nregion = eu-west-1\n"
      "password-ref = keychain:ses\nusername = AKIA\n\n[route.scanners]\nclient-network = 192.168.1.0/24\n"
      "transport = ses\n")
write("config_loader", "secret", "; a secret in the file is refused\n[smarthost]\nhost = x.test\n"
      "password = hunter2\n")
write("config_loader", "broken", "[general\nhostname\n= x\n[general]\n[general]\n")
