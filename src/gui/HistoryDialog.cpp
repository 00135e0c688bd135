#include "HistoryDialog.h"
#include "ui_HistoryDialog.h"

#include "AuditHistory.h"
#include "Limits.h"
#include "WebhookDraft.h"

#include <QHeaderView>
#include <QLocale>

HistoryDialog::HistoryDialog(AuditHistory* audit, QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::HistoryDialog>())
    , m_audit(audit)
{
    m_ui->setupUi(this);
    m_ui->entryTable->setColumnCount(5);
    m_ui->entryTable->setHorizontalHeaderLabels({tr("When"), tr("Change"), tr("Domain"), tr("URL"), tr("Webhook")});
    m_ui->entryTable->verticalHeader()->hide();
    m_ui->entryTable->horizontalHeader()->setSectionResizeMode(3, QHeaderView::Stretch);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_ui->recreateButton, &QPushButton::clicked, this, &HistoryDialog::recreateSelected);
    connect(m_ui->entryTable, &QTableWidget::itemSelectionChanged, this, [this] {
        const auto entry = m_audit->entry(selectedId());
        m_ui->recreateButton->setEnabled(entry && entry->isRecreatable());
        // A cut configuration is the one case worth explaining before anyone presses Recreate.
        m_ui->statusLabel->setText(
            entry && entry->before && entry->beforeTruncated ? AuditHistory::whyNotRecreatable(*entry) : QString());
    });
    connect(m_audit, &AuditHistory::entryRecorded, this, &HistoryDialog::reload);
    reload();
}

HistoryDialog::~HistoryDialog() = default;

void HistoryDialog::reload()
{
    const QList<AuditEntry> entries = m_audit->entries();
    m_ui->entryTable->setRowCount(int(entries.size()));
    for (int row = 0; row < entries.size(); ++row) {
        const AuditEntry& e = entries.at(row);
        auto* when = new QTableWidgetItem(QLocale().toString(e.at.toLocalTime(), QLocale::ShortFormat));
        when->setData(Qt::UserRole, e.id);
        when->setToolTip(e.at.toUTC().toString(Qt::ISODate));
        m_ui->entryTable->setItem(row, 0, when);
        auto* change = new QTableWidgetItem(
            e.isTruncated() ? tr("%1 (cut)").arg(AuditEntry::actionName(e.action)) : AuditEntry::actionName(e.action));
        if (e.isTruncated()) {
            change->setToolTip(tr("The configuration was larger than the audit log keeps, so only part of it was "
                                  "recorded (%1 characters per value, %2 event types).")
                                   .arg(Limits::MaxAuditStringLength)
                                   .arg(Limits::MaxAuditListItems));
        }
        m_ui->entryTable->setItem(row, 1, change);
        m_ui->entryTable->setItem(row, 2, new QTableWidgetItem(e.domainName));
        m_ui->entryTable->setItem(row, 3, new QTableWidgetItem(e.webhookUrl()));
        m_ui->entryTable->setItem(row, 4, new QTableWidgetItem(e.webhookUuid));
    }
    m_ui->entryTable->resizeColumnsToContents();
    m_ui->recreateButton->setEnabled(false);
    m_ui->statusLabel->setText(entries.isEmpty() ? tr("No changes recorded yet.") : QString());
}

int HistoryDialog::entryCount() const
{
    return m_ui->entryTable->rowCount();
}

qint64 HistoryDialog::selectedId() const
{
    const QList<QTableWidgetItem*> items = m_ui->entryTable->selectedItems();
    if (items.isEmpty())
        return -1;
    return m_ui->entryTable->item(items.first()->row(), 0)->data(Qt::UserRole).toLongLong();
}

bool HistoryDialog::selectEntry(qint64 id)
{
    for (int row = 0; row < m_ui->entryTable->rowCount(); ++row) {
        if (m_ui->entryTable->item(row, 0)->data(Qt::UserRole).toLongLong() == id) {
            m_ui->entryTable->selectRow(row);
            return true;
        }
    }
    return false;
}

void HistoryDialog::recreateSelected()
{
    const auto entry = m_audit->entry(selectedId());
    // A cut configuration goes on to the log, which refuses it with the reason.
    if (!entry || !entry->before)
        return;
    const QString domainId = entry->domainId;
    m_ui->recreateButton->setEnabled(false);
    m_audit->recreateDraft(
        entry->id, this, [this, domainId](const std::optional<WebhookDraft>& draft, const QString& error) {
            m_ui->recreateButton->setEnabled(true);
            m_ui->statusLabel->setText(error);
            if (draft)
                emit recreateRequested(domainId, *draft);
        });
}
