<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>RelayDesk::Ui::AccountDialog</name>
    <message numerus="yes">
        <location filename="../ui/AccountDialog.cpp" line="168"/>
        <source>The password needs at least %n characters.</source>
        <translation>
            <numerusform>The password needs at least %n character.</numerusform>
            <numerusform>The password needs at least %n characters.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RelayDesk::Ui::AccountModel</name>
    <message numerus="yes">
        <location filename="../ui/AccountModel.cpp" line="36"/>
        <source>%n message(s)/min</source>
        <translation>
            <numerusform>%n message/min</numerusform>
            <numerusform>%n messages/min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/AccountModel.cpp" line="38"/>
        <source>%n recipient(s)/h</source>
        <translation>
            <numerusform>%n recipient/h</numerusform>
            <numerusform>%n recipients/h</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RelayDesk::Ui::AuditPage</name>
    <message numerus="yes">
        <location filename="../ui/AuditPage.cpp" line="171"/>
        <source>Showing the newest %n entries; narrow the filter to see older ones.</source>
        <translation>
            <numerusform>Showing only the newest entry (%n); narrow the filter to see older ones.</numerusform>
            <numerusform>Showing the newest %n entries; narrow the filter to see older ones.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/AuditPage.cpp" line="174"/>
        <source>%n entries.</source>
        <translation>
            <numerusform>%n entry.</numerusform>
            <numerusform>%n entries.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RelayDesk::Ui::BounceDropArea</name>
    <message numerus="yes">
        <location filename="../ui/BounceDropArea.cpp" line="72"/>
        <source>%1: %n recipient(s) classified. Drop another bounce to classify it.</source>
        <translation>
            <numerusform>%1: %n recipient classified. Drop another bounce to classify it.</numerusform>
            <numerusform>%1: %n recipients classified. Drop another bounce to classify it.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RelayDesk::Ui::BouncesPage</name>
    <message numerus="yes">
        <location filename="../ui/BouncesPage.cpp" line="201"/>
        <source>%Ln failed recipient(s)</source>
        <translation>
            <numerusform>%Ln failed recipient</numerusform>
            <numerusform>%Ln failed recipients</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/BouncesPage.cpp" line="202"/>
        <source>%Ln reason group(s)</source>
        <translation>
            <numerusform>%Ln reason group</numerusform>
            <numerusform>%Ln reason groups</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RelayDesk::Ui::CertificateModel</name>
    <message numerus="yes">
        <location filename="../ui/CertificateModel.cpp" line="57"/>
        <source>%1 (%n day(s) left — renew soon)</source>
        <translation>
            <numerusform>%1 (%n day left — renew soon)</numerusform>
            <numerusform>%1 (%n days left — renew soon)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/CertificateModel.cpp" line="58"/>
        <source>%1 (%n day(s) left)</source>
        <translation>
            <numerusform>%1 (%n day left)</numerusform>
            <numerusform>%1 (%n days left)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RelayDesk::Ui::CredentialRevealDialog</name>
    <message numerus="yes">
        <location filename="../ui/CredentialRevealDialog.cpp" line="39"/>
        <location filename="../ui/CredentialRevealDialog.cpp" line="55"/>
        <source>Hidden again in %n second(s).</source>
        <translation>
            <numerusform>Hidden again in %n second.</numerusform>
            <numerusform>Hidden again in %n seconds.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RelayDesk::Ui::CredentialsPage</name>
    <message numerus="yes">
        <location filename="../ui/CredentialsPage.cpp" line="321"/>
        <source>Show the secret stored under %1 on screen for %n second(s)? This is recorded in the audit log.</source>
        <translation>
            <numerusform>Show the secret stored under %1 on screen for %n second? This is recorded in the audit log.</numerusform>
            <numerusform>Show the secret stored under %1 on screen for %n seconds? This is recorded in the audit log.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/CredentialsPage.cpp" line="427"/>
        <source>Moved %n secret(s) into the keychain: </source>
        <translation>
            <numerusform>Moved %n secret into the keychain: </numerusform>
            <numerusform>Moved %n secrets into the keychain: </numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RelayDesk::Ui::DeliveryLogPage</name>
    <message numerus="yes">
        <location filename="../ui/DeliveryLogPage.cpp" line="310"/>
        <source>%Ln row(s)</source>
        <translation>
            <numerusform>%Ln row</numerusform>
            <numerusform>%Ln rows</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/DeliveryLogPage.cpp" line="353"/>
        <source>Exported %Ln row(s) to %1</source>
        <translation>
            <numerusform>Exported %Ln row to %1</numerusform>
            <numerusform>Exported %Ln rows to %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RelayDesk::Ui::DeviceModel</name>
    <message numerus="yes">
        <location filename="../ui/DeviceModel.cpp" line="61"/>
        <source>%n min ago</source>
        <translation>
            <numerusform>%n min ago</numerusform>
            <numerusform>%n min ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/DeviceModel.cpp" line="63"/>
        <source>%n h ago</source>
        <translation>
            <numerusform>%n h ago</numerusform>
            <numerusform>%n h ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/DeviceModel.cpp" line="64"/>
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>%n day ago</numerusform>
            <numerusform>%n days ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/DeviceModel.cpp" line="71"/>
        <source>every %n h</source>
        <translation>
            <numerusform>every %n h</numerusform>
            <numerusform>every %n h</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/DeviceModel.cpp" line="92"/>
        <source>No mail from this device for more than %n hour(s).</source>
        <translation>
            <numerusform>No mail from this device for more than %n hour.</numerusform>
            <numerusform>No mail from this device for more than %n hours.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RelayDesk::Ui::DevicesPage</name>
    <message numerus="yes">
        <location filename="../ui/DevicesPage.cpp" line="222"/>
        <source>⚠ Quiet: no mail for more than %n hour(s).</source>
        <translation>
            <numerusform>⚠ Quiet: no mail for more than %n hour.</numerusform>
            <numerusform>⚠ Quiet: no mail for more than %n hours.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RelayDesk::Ui::MessageDetailDialog</name>
    <message numerus="yes">
        <location filename="../ui/MessageDetailDialog.cpp" line="362"/>
        <source>%1 (%n octet(s))</source>
        <translation>
            <numerusform>%1 (%n octet)</numerusform>
            <numerusform>%1 (%n octets)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/MessageDetailDialog.cpp" line="439"/>
        <source>%n delivery attempt(s).</source>
        <translation>
            <numerusform>%n delivery attempt.</numerusform>
            <numerusform>%n delivery attempts.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RelayDesk::Ui::Notifier</name>
    <message numerus="yes">
        <location filename="../ui/Notifier.cpp" line="85"/>
        <source>%n more alert(s) — see the Overview for details.</source>
        <translation>
            <numerusform>%n more alert — see the Overview for details.</numerusform>
            <numerusform>%n more alerts — see the Overview for details.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/Notifier.cpp" line="91"/>
        <source>and %n more</source>
        <translation>
            <numerusform>and %n more</numerusform>
            <numerusform>and %n more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RelayDesk::Ui::QueueModel</name>
    <message numerus="yes">
        <location filename="../ui/QueueModel.cpp" line="143"/>
        <source>%n octet(s)</source>
        <translation>
            <numerusform>%n octet</numerusform>
            <numerusform>%n octets</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RelayDesk::Ui::QueuePage</name>
    <message numerus="yes">
        <location filename="../ui/QueuePage.cpp" line="362"/>
        <source>%n message(s)</source>
        <translation>
            <numerusform>%n message</numerusform>
            <numerusform>%n messages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/QueuePage.cpp" line="363"/>
        <source>%1 of %n message(s)</source>
        <translation>
            <numerusform>%1 of %n message</numerusform>
            <numerusform>%1 of %n messages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/QueuePage.cpp" line="372"/>
        <source>Retrying %n message(s)…</source>
        <translation>
            <numerusform>Retrying %n message…</numerusform>
            <numerusform>Retrying %n messages…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/QueuePage.cpp" line="381"/>
        <source>Holding %n message(s)…</source>
        <translation>
            <numerusform>Holding %n message…</numerusform>
            <numerusform>Holding %n messages…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/QueuePage.cpp" line="390"/>
        <source>Releasing %n message(s)…</source>
        <translation>
            <numerusform>Releasing %n message…</numerusform>
            <numerusform>Releasing %n messages…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/QueuePage.cpp" line="402"/>
        <source>Delete %n selected message(s) from the queue? They will not be delivered, and this cannot be undone.</source>
        <translation>
            <numerusform>Delete %n selected message from the queue? It will not be delivered, and this cannot be undone.</numerusform>
            <numerusform>Delete %n selected messages from the queue? They will not be delivered, and this cannot be undone.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/QueuePage.cpp" line="407"/>
        <source>Delete %n message(s)</source>
        <translation>
            <numerusform>Delete %n message</numerusform>
            <numerusform>Delete %n messages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/QueuePage.cpp" line="417"/>
        <source>Deleting %n message(s)…</source>
        <translation>
            <numerusform>Deleting %n message…</numerusform>
            <numerusform>Deleting %n messages…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/QueuePage.cpp" line="438"/>
        <source>%n recipient(s) will be retried now.</source>
        <translation>
            <numerusform>%n recipient will be retried now.</numerusform>
            <numerusform>%n recipients will be retried now.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/QueuePage.cpp" line="441"/>
        <source>%n recipient(s) held.</source>
        <translation>
            <numerusform>%n recipient held.</numerusform>
            <numerusform>%n recipients held.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/QueuePage.cpp" line="444"/>
        <source>%n recipient(s) released.</source>
        <translation>
            <numerusform>%n recipient released.</numerusform>
            <numerusform>%n recipients released.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/QueuePage.cpp" line="447"/>
        <source>%n message(s) deleted.</source>
        <translation>
            <numerusform>%n message deleted.</numerusform>
            <numerusform>%n messages deleted.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/QueuePage.cpp" line="450"/>
        <source>%n deferred recipient(s) will be retried now.</source>
        <translation>
            <numerusform>%n deferred recipient will be retried now.</numerusform>
            <numerusform>%n deferred recipients will be retried now.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RelayDesk::Ui::SuppressionsTab</name>
    <message numerus="yes">
        <location filename="../ui/SuppressionsTab.cpp" line="148"/>
        <source>Exported %n entries to %1.</source>
        <translation>
            <numerusform>Exported %n entry to %1.</numerusform>
            <numerusform>Exported %n entries to %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/SuppressionsTab.cpp" line="154"/>
        <source>Imported %n entries from %1.</source>
        <translation>
            <numerusform>Imported %n entry from %1.</numerusform>
            <numerusform>Imported %n entries from %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/SuppressionsTab.cpp" line="212"/>
        <source>Send to %n suppressed recipient(s) again?</source>
        <translation>
            <numerusform>Send to %n suppressed recipient again?</numerusform>
            <numerusform>Send to %n suppressed recipients again?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/SuppressionsTab.cpp" line="260"/>
        <source>Removed; %n held message(s) released.</source>
        <translation>
            <numerusform>Removed; %n held message released.</numerusform>
            <numerusform>Removed; %n held messages released.</numerusform>
        </translation>
    </message>
</context>
</TS>
