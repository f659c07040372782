#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace RelayDesk::Smtp {

/// What is left of an SMTP server session when it ends: counters for the
/// service layer and the bounded transcript for the GUI. A value type.
struct SessionSummary
{
    QString listener;
    QString clientAddress;
    quint16 clientPort = 0;
    QDateTime startedAt; ///< UTC
    QDateTime endedAt;   ///< UTC
    QString tlsVersion;  ///< empty when the session stayed plain
    QString authUser;
    int messagesAccepted = 0; ///< got their 250
    int messagesRejected = 0; ///< too big, or the host refused them
    bool refused = false;     ///< turned away at connect (too many connections)
    QStringList transcript;   ///< "C: ..." / "S: ..." / "*: ..." lines
};

} // namespace RelayDesk::Smtp

Q_DECLARE_METATYPE(RelayDesk::Smtp::SessionSummary)
